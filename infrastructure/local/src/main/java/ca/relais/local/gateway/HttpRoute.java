package ca.relais.local.gateway;

import ca.relais.local.lambda.LocalFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code HttpApi} event of the template: a method and a path template ({@code /forms/{formId}},
 * {@code /{proxy+}}) bound to a function.
 */
public record HttpRoute(String method, String pathTemplate, LocalFunction function) {

  /** {@code POST /signups}: the route key API Gateway puts in the event. */
  public String routeKey() {
    return method + " " + pathTemplate;
  }

  /** The path parameters when this route matches the request, else empty. */
  Optional<Map<String, String>> match(String requestMethod, String path) {
    if (!method.equals("ANY") && !method.equalsIgnoreCase(requestMethod)) {
      return Optional.empty();
    }
    String[] expected = segments(pathTemplate);
    String[] actual = segments(path);
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < expected.length; i++) {
      String part = expected[i];
      if (part.startsWith("{") && part.endsWith("+}")) {
        if (i >= actual.length) {
          return Optional.empty();
        }
        parameters.put(
            part.substring(1, part.length() - 2),
            String.join("/", java.util.Arrays.copyOfRange(actual, i, actual.length)));
        return Optional.of(parameters);
      }
      if (i >= actual.length) {
        return Optional.empty();
      }
      if (part.startsWith("{") && part.endsWith("}")) {
        if (actual[i].isEmpty()) {
          return Optional.empty();
        }
        parameters.put(part.substring(1, part.length() - 1), actual[i]);
      } else if (!part.equals(actual[i])) {
        return Optional.empty();
      }
    }
    return expected.length == actual.length ? Optional.of(parameters) : Optional.empty();
  }

  /** True when the path matches whatever the method: a 405 rather than a 404. */
  boolean matchesPath(String path) {
    return new HttpRoute("ANY", pathTemplate, function).match("ANY", path).isPresent();
  }

  private static String[] segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/") && trimmed.length() > 0) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
