package ca.relais.aws.snapstart;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A bounded pool of daemon threads whose tasks follow the {@link DryRun} of the thread that hands
 * them over ({@link DryRun#inherit}): reads run in parallel during a priming stay dry. A function's
 * invocation never waits for the threads to end.
 */
public final class DryRunExecutor implements Executor {

  private final ExecutorService pool;

  private DryRunExecutor(ExecutorService pool) {
    this.pool = pool;
  }

  /**
   * @param threads tasks run at once (at least 1)
   * @param name the threads' name
   */
  public static DryRunExecutor fixed(int threads, String name) {
    return new DryRunExecutor(
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, name);
              thread.setDaemon(true);
              return thread;
            }));
  }

  @Override
  public void execute(Runnable task) {
    Runnable inheriting =
        DryRun.inherit(
                () -> {
                  task.run();
                  return null;
                })
            ::get;
    pool.execute(inheriting);
  }
}
