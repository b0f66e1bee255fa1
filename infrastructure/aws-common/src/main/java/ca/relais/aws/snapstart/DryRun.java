package ca.relais.aws.snapstart;

import ca.relais.core.log.StructuredLogger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.internal.HttpCredentialsLoader;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.RefreshResult;

/**
 * SDK calls that are built, marshalled, resolved to an endpoint and signed, but never sent to AWS:
 * what a SnapStart priming hook runs so that the classes of a real call are loaded before the
 * snapshot, without writing anything, sending any email or fetching the role's credentials.
 *
 * <p>Only on the thread that runs {@link #run} (and work it hands over with {@link #inherit}):
 * every client built by {@code AwsClientSettings} signs with placeholder credentials ({@link
 * #credentials}), and its {@link #interceptor()} sends the request to a listener on 127.0.0.1, open
 * for the dry run only, which answers {@code 200} with an empty JSON object: the HTTP client and
 * the response's unmarshalling are primed too, and the code takes its success path (a write
 * "succeeds", a read finds nothing). A request that would go anywhere else is stopped before
 * transmission with an {@link SdkClientException} ({@link #stoppedBy} recognises it). Other threads
 * (other functions of the local stack) are not affected. One dry run at a time per JVM.
 *
 * <p>The log lines of a dry run are marked {@code "priming": true} at level {@code INFO} ({@link
 * StructuredLogger#primingScope()}): what its invented requests end in (a submission not found, a
 * set-aside whose answer is not SQS's) is expected, not a fault to read or to count.
 */
public final class DryRun {

  private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

  private static final AwsCredentials PLACEHOLDER =
      AwsBasicCredentials.create("AKIDRYRUNPRIMING0000", "dry-run-priming-never-sent");

  /** The loopback listener of the outermost running dry run, if any (one at a time). */
  private static volatile LoopbackAws loopback;

  private static final ExecutionInterceptor STOP_BEFORE_SENDING =
      new ExecutionInterceptor() {
        @Override
        public SdkHttpRequest modifyHttpRequest(
            Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
          LoopbackAws target = loopback;
          if (!active() || target == null) {
            return context.httpRequest();
          }
          // before signing: the request is signed for, and sent to, the loopback listener
          return context.httpRequest().toBuilder()
              .protocol("http")
              .host("127.0.0.1")
              .port(target.port())
              .build();
        }

        @Override
        public void beforeTransmission(
            Context.BeforeTransmission context, ExecutionAttributes attributes) {
          if (!active()) {
            return;
          }
          LoopbackAws target = loopback;
          SdkHttpRequest request = context.httpRequest();
          boolean signed = request.firstMatchingHeader("Authorization").isPresent();
          if (target == null
              || !signed
              || !request.host().equals("127.0.0.1")
              || request.port() != target.port()) {
            throw stop(signed);
          }
        }
      };

  private DryRun() {}

  /**
   * Runs {@code work} with SDK calls on this thread signed but not sent.
   *
   * @return what {@code work} returns
   * @throws Exception what {@code work} throws (a dry run's stop included, when it lets one out)
   */
  public static <T> T run(Callable<T> work) throws Exception {
    synchronized (DryRun.class) {
      if (DEPTH.get() > 0) {
        return work.call();
      }
      DEPTH.set(1);
      try (LoopbackAws listener = LoopbackAws.start();
          StructuredLogger.Scope marked = StructuredLogger.primingScope()) {
        loopback = listener;
        try {
          return work.call();
        } finally {
          loopback = null;
        }
      } finally {
        DEPTH.set(0);
      }
    }
  }

  /**
   * Work to hand to another thread that stays in this thread's dry run, if any: code that makes SDK
   * calls on a thread pool wraps each task with this, so priming never sends from a worker.
   */
  public static <T> Supplier<T> inherit(Supplier<T> work) {
    if (!active()) {
      return work;
    }
    return () -> {
      DEPTH.set(DEPTH.get() + 1);
      try (StructuredLogger.Scope marked = StructuredLogger.primingScope()) {
        return work.get();
      } finally {
        DEPTH.set(DEPTH.get() - 1);
      }
    };
  }

  /** True on a thread inside {@link #run}. */
  public static boolean active() {
    return DEPTH.get() > 0;
  }

  /** The interceptor every client gets: it does nothing outside {@link #run}. */
  public static ExecutionInterceptor interceptor() {
    return STOP_BEFORE_SENDING;
  }

  /**
   * The function's credentials, except inside {@link #run} on this thread: placeholder keys, so a
   * dry run never fetches the role's credentials (which a snapshot would then hold).
   */
  public static AwsCredentialsProvider credentials(AwsCredentialsProvider real) {
    return new AwsCredentialsProvider() {
      @Override
      public AwsCredentials resolveCredentials() {
        return active() ? PLACEHOLDER : real.resolveCredentials();
      }

      @Override
      public String toString() {
        return "DryRun(" + real + ")";
      }
    };
  }

  /**
   * Loads placeholder credentials from the dry run's loopback listener the way the SDK's
   * container-credentials provider loads the role's (its HTTP fetch, JSON reading and credentials
   * cache), so that the first request after a restore pays only for its own round trip. The
   * function's provider is not touched and neither the role's endpoint nor its authorization token
   * is used. Does nothing outside {@link #run}.
   *
   * @return true when the placeholders were loaded (inside a dry run)
   *     <p>Uses the SDK's {@code HttpCredentialsLoader}, an internal class of the pinned SDK
   *     version: if a later version moves it, the priming fails the checkpoint and the tests say
   *     so.
   */
  public static boolean primeCredentialsFetch() {
    LoopbackAws target = loopback;
    if (!active() || target == null) {
      return false;
    }
    URI placeholders =
        URI.create("http://127.0.0.1:" + target.port() + LoopbackAws.CREDENTIALS_PATH);
    HttpCredentialsLoader.LoadedCredentials loaded =
        HttpCredentialsLoader.create("DryRun").loadCredentials(() -> placeholders);
    Instant expiration = loaded.getExpiration().orElseThrow();
    try (CachedSupplier<AwsCredentials> cache =
        CachedSupplier.builder(
                () ->
                    RefreshResult.builder(loaded.getAwsCredentials())
                        .staleTime(expiration.minus(Duration.ofMinutes(1)))
                        .prefetchTime(expiration.minus(Duration.ofMinutes(5)))
                        .build())
            .cachedValueName("DryRun")
            .build()) {
      return cache.get().accessKeyId().equals(PLACEHOLDER.accessKeyId());
    }
  }

  /** True when {@code failure} or one of its causes is a dry run's stop. */
  public static boolean stoppedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SdkClientException && String.valueOf(t.getMessage()).contains(STOPPED)) {
        return true;
      }
    }
    return false;
  }

  /** What a dry run's stop says: the SDK rebuilds the exception, so the text is what stays. */
  static final String STOPPED = "Dry run (SnapStart priming): not sent";

  private static SdkClientException stop(boolean signed) {
    return SdkClientException.builder()
        .message(STOPPED + (signed ? ", signed" : ", NOT signed"))
        .build();
  }
}
