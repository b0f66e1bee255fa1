package ca.relais.aws.snapstart;

import ca.relais.core.log.StructuredLogger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function's SnapStart runtime hooks, registered with {@code org.crac} at init (one line in the
 * handler's constructor; keep the returned object in a field: the runtime holds resources weakly).
 *
 * <ul>
 *   <li>{@code beforeCheckpoint} runs the function's priming inside a {@link DryRun}: the real path
 *       of a sample request (parse, validate, render, build and sign the SDK calls, which are not
 *       sent), so that the snapshot holds its loaded and initialised classes and the first request
 *       after a restore does not pay for them. A priming that throws fails the checkpoint (Lambda
 *       fails the version; the local stack fails the function's init): a broken function is found
 *       at deploy time, not by the first citizen.
 *   <li>{@code afterRestore} runs what must be fresh in each restored environment (see {@link
 *       RestoredSecureRandom} for ids and tokens). Clocks are read at each use ({@code
 *       Clock.systemUTC()}), and credentials are fetched at the first real call, so neither needs a
 *       hook.
 * </ul>
 *
 * <p>Without SnapStart (a plain JVM, unit tests) {@code org.crac} ignores the registration and no
 * hook runs.
 */
public final class SnapStartPriming implements Resource {

  /** One hook. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  private static final StructuredLogger LOG = StructuredLogger.forComponent(SnapStartPriming.class);

  /** What the hooks did in this JVM, in order, such as {@code "intake primed"}. */
  private static final List<String> HISTORY = new CopyOnWriteArrayList<>();

  private final String function;
  private final Step prime;
  private final Step refresh;

  private SnapStartPriming(String function, Step prime, Step refresh) {
    this.function = function;
    this.prime = prime;
    this.refresh = refresh;
  }

  /**
   * Registers the hooks of a function.
   *
   * @param function a short name for logs (no personal data), such as {@code "intake"}
   * @param prime the priming, run once before the snapshot inside a {@link DryRun}; a dry run's
   *     stop that escapes it is expected and swallowed, any other failure fails the checkpoint
   * @param refresh run once after each restore
   * @return the registered resource, to keep in a field
   */
  public static SnapStartPriming register(String function, Step prime, Step refresh) {
    SnapStartPriming hooks = new SnapStartPriming(function, prime, refresh);
    Core.getGlobalContext().register(hooks);
    return hooks;
  }

  /** Registers a priming with nothing to refresh after a restore. */
  public static SnapStartPriming register(String function, Step prime) {
    return register(function, prime, () -> {});
  }

  /**
   * What the hooks of this JVM did, in order: {@code "<function> primed"} and {@code "<function>
   * restored"} (for the local stack's tests and the benchmark).
   */
  public static List<String> history() {
    return List.copyOf(HISTORY);
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
    runPriming();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) throws Exception {
    long start = System.nanoTime();
    refresh.run();
    HISTORY.add(function + " restored");
    LOG.info("snapstart.restored", "function", function, "ms", millisSince(start));
  }

  /** Runs the priming now (what {@code beforeCheckpoint} does); for benchmarks and tests. */
  public void runPriming() throws Exception {
    long start = System.nanoTime();
    LOG.info(
        "snapstart.priming", "function", function, "sdkCalls", "answered on loopback, never sent");
    DryRun.run(
        () -> {
          try {
            // the first real call of a restored environment fetches the role's credentials
            DryRun.primeCredentialsFetch();
            prime.run();
          } catch (Exception e) {
            if (!DryRun.stoppedBy(e)) {
              throw e;
            }
          }
          return null;
        });
    HISTORY.add(function + " primed");
    LOG.info("snapstart.primed", "function", function, "ms", millisSince(start));
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
