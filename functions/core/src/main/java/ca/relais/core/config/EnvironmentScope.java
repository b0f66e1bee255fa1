package ca.relais.core.config;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The environment of the function running on this thread, for a host that runs several functions in
 * one JVM (the embedded local stack): while a scope is open, {@link Environment#system()} sees
 * exactly its variables, as a function in its own Lambda environment sees only its own, and nothing
 * of the process environment. Threads started inside a scope inherit it. In AWS no scope is ever
 * opened.
 */
public final class EnvironmentScope {

  private static final InheritableThreadLocal<Map<String, String>> CURRENT =
      new InheritableThreadLocal<>();

  private EnvironmentScope() {}

  /**
   * Runs code with a function's whole environment.
   *
   * @param variables every variable the function has (name to value)
   * @return what the code returns
   * @throws Exception what the code throws
   */
  public static <T> T call(Map<String, String> variables, Callable<T> code) throws Exception {
    Map<String, String> previous = CURRENT.get();
    CURRENT.set(Map.copyOf(variables));
    try {
      return code.call();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The variables of the open scope, or empty when none is open (always so in AWS). */
  static Optional<Map<String, String>> current() {
    return Optional.ofNullable(CURRENT.get());
  }
}
