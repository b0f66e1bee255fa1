package ca.relais.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where a function reads its configuration: the variables that {@code template.yaml} sets.
 *
 * <p>In AWS this is the process environment. The embedded local stack runs every function in one
 * JVM and cannot change the process environment, so it publishes each variable as the system
 * property {@code relais.env.NAME}, which takes precedence over the process environment; while it
 * runs one function it opens an {@link EnvironmentScope} with exactly that function's variables.
 */
@FunctionalInterface
public interface Environment {

  /** The system-property prefix the local stack uses to publish template variables. */
  String PROPERTY_PREFIX = "relais.env.";

  /** The value of a variable, or empty when it is unset or blank. */
  Optional<String> get(String name);

  /** The value of a required variable; fails fast with the variable's name when it is missing. */
  default String require(String name) {
    return get(name)
        .orElseThrow(() -> new IllegalStateException("Missing environment variable " + name));
  }

  /** An integer variable with a default. */
  default int intValue(String name, int defaultValue) {
    return get(name)
        .map(
            v -> {
              try {
                return Integer.parseInt(v.trim());
              } catch (NumberFormatException e) {
                throw new IllegalStateException(
                    "Environment variable " + name + " is not a number");
              }
            })
        .orElse(defaultValue);
  }

  /**
   * The process environment, overridden by {@code relais.env.*} system properties; inside an {@link
   * EnvironmentScope}, that scope's variables only.
   */
  static Environment system() {
    return name -> {
      Optional<Map<String, String>> scope = EnvironmentScope.current();
      if (scope.isPresent()) {
        return Optional.ofNullable(scope.get().get(name)).filter(v -> !v.isBlank());
      }
      String value = System.getProperty(PROPERTY_PREFIX + name);
      if (value == null) {
        value = System.getenv(name);
      }
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    };
  }

  /** A fixed map, for tests. */
  static Environment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return name -> Optional.ofNullable(copy.get(name)).filter(v -> !v.isBlank());
  }
}
