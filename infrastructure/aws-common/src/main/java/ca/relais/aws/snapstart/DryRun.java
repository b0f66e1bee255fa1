package ca.relais.aws.snapstart;

import java.util.concurrent.Callable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * SDK calls that are built, marshalled, resolved to an endpoint and signed, but never sent: what a
 * SnapStart priming hook runs so that the classes of a real call are loaded before the snapshot,
 * without writing anything, sending any email or fetching the role's credentials.
 *
 * <p>Only on the thread that runs {@link #run}: while it runs, every client built by {@code
 * AwsClientSettings} signs with placeholder credentials ({@link #credentials}) and its {@link
 * #interceptor()} stops the call just before transmission with an {@link SdkClientException} (code
 * that survives a network failure survives a dry run; {@link #stoppedBy} recognises it). Other
 * threads (other functions of the local stack) are not affected.
 */
public final class DryRun {

  private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

  private static final AwsCredentials PLACEHOLDER =
      AwsBasicCredentials.create("AKIDRYRUNPRIMING0000", "dry-run-priming-never-sent");

  private static final ExecutionInterceptor STOP_BEFORE_SENDING =
      new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(
            Context.BeforeTransmission context, ExecutionAttributes attributes) {
          if (active()) {
            throw stop(context.httpRequest().firstMatchingHeader("Authorization").isPresent());
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
    DEPTH.set(DEPTH.get() + 1);
    try {
      return work.call();
    } finally {
      DEPTH.set(DEPTH.get() - 1);
    }
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
