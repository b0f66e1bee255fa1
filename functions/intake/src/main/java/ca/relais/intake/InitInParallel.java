package ca.relais.intake;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A part of a handler's init built on a thread of its own while the constructor builds another (the
 * territory data while the DynamoDB client is built: two independent costs of a cold start, on
 * Lambda's two or more vCPUs at init). The constructor {@link #await() waits} for it before it
 * returns, so nothing of it runs after init or across a SnapStart snapshot.
 *
 * @param <T> what is built
 */
final class InitInParallel<T> {

  private final CompletableFuture<T> result = new CompletableFuture<>();

  private InitInParallel() {}

  /**
   * Starts building on a new daemon thread named {@code threadName} (a daemon, so that a
   * constructor that fails before it waits never keeps the JVM alive).
   */
  static <T> InitInParallel<T> start(String threadName, Supplier<T> build) {
    InitInParallel<T> part = new InitInParallel<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                part.result.complete(build.get());
              } catch (RuntimeException | Error e) {
                part.result.completeExceptionally(e);
              }
            },
            threadName);
    thread.setDaemon(true);
    thread.start();
    return part;
  }

  /**
   * What was built, once it is.
   *
   * @throws RuntimeException or {@link Error}: what building threw, as thrown (its stack from the
   *     building thread), so that the init fails as it would have on one thread
   */
  T await() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
