package ca.relais.local.events;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lambda's event filtering ({@code FilterCriteria}), the subset a local stack needs.
 *
 * <p>A pattern maps keys to a list of accepted values or to a nested pattern. An accepted value is
 * a literal (strings, numbers, booleans and null are distinct: {@code "5"} does not match {@code
 * 5}), or one of {@code {"exists": true|false}}, {@code {"prefix": "x"}}, {@code {"suffix": "x"}},
 * {@code {"equals-ignore-case": "x"}}, {@code {"anything-but": value | [values] | {"prefix": "x"}}}
 * and {@code {"numeric": ["<", 10, ">=", 0]}}. A field whose value is a list matches when one of
 * its elements does. A record passes when any of the patterns matches it; no pattern: every record
 * passes. Anything else ({@code $or}, {@code wildcard}, {@code cidr}...) is refused when the filter
 * is built, so that a pattern is never silently ignored.
 */
final class EventFilter {

  private static final Set<String> OPERATORS =
      Set.of("exists", "prefix", "suffix", "equals-ignore-case", "anything-but", "numeric");
  private static final Set<String> COMPARISONS = Set.of("<", "<=", "=", ">", ">=");

  private final List<Map<String, Object>> patterns;

  /**
   * @param patterns each {@code FilterCriteria.Filters[].Pattern}, parsed from its JSON
   * @throws IllegalArgumentException naming the part of a pattern that is not supported
   */
  EventFilter(List<Map<String, Object>> patterns) {
    this.patterns = List.copyOf(patterns);
    this.patterns.forEach(p -> validate(p, ""));
  }

  /** Whether a record (the JSON of one event record, as maps and lists) passes the filter. */
  boolean accepts(Map<String, Object> record) {
    return patterns.isEmpty() || patterns.stream().anyMatch(p -> matches(p, record));
  }

  @SuppressWarnings("unchecked")
  private static boolean matches(Map<String, Object> pattern, Object value) {
    Map<String, Object> object = value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    for (Map.Entry<String, Object> rule : pattern.entrySet()) {
      Object field = object.get(rule.getKey());
      boolean ok =
          rule.getValue() instanceof Map<?, ?> nested
              ? matches((Map<String, Object>) nested, field)
              : ((List<?>) rule.getValue()).stream().anyMatch(a -> matchesField(a, field));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A field that holds a list matches when one of its elements does (as in EventBridge). */
  private static boolean matchesField(Object accepted, Object field) {
    if (accepted instanceof Map<?, ?> operator && operator.containsKey("exists")) {
      return Boolean.TRUE.equals(operator.get("exists")) == (field != null);
    }
    if (field instanceof List<?> values) {
      return values.stream().anyMatch(v -> matchesValue(accepted, v));
    }
    return matchesValue(accepted, field);
  }

  private static boolean matchesValue(Object accepted, Object value) {
    if (!(accepted instanceof Map<?, ?> operator)) {
      return same(accepted, value);
    }
    Map.Entry<?, ?> op = operator.entrySet().iterator().next();
    Object argument = op.getValue();
    return switch (String.valueOf(op.getKey())) {
      case "prefix" -> value instanceof String s && s.startsWith(String.valueOf(argument));
      case "suffix" -> value instanceof String s && s.endsWith(String.valueOf(argument));
      case "equals-ignore-case" ->
          value instanceof String s && s.equalsIgnoreCase(String.valueOf(argument));
      case "anything-but" -> value != null && !anythingButExcludes(argument, value);
      case "numeric" -> value instanceof Number n && numeric((List<?>) argument, n);
      default -> false; // refused by validate
    };
  }

  private static boolean anythingButExcludes(Object argument, Object value) {
    if (argument instanceof Map<?, ?> inner) {
      return matchesValue(inner, value);
    }
    List<?> excluded = argument instanceof List<?> l ? l : List.of(argument);
    return excluded.stream().anyMatch(e -> same(e, value));
  }

  private static boolean numeric(List<?> conditions, Number value) {
    BigDecimal v = new BigDecimal(value.toString());
    for (int i = 0; i + 1 < conditions.size(); i += 2) {
      int c = v.compareTo(new BigDecimal(conditions.get(i + 1).toString()));
      boolean ok =
          switch (String.valueOf(conditions.get(i))) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case "=" -> c == 0;
            case ">" -> c > 0;
            default -> c >= 0; // ">=", checked by validate
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Literal equality that keeps JSON types apart; numbers compare by value (1 = 1.0). */
  private static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  @SuppressWarnings("unchecked")
  private static void validate(Map<String, Object> pattern, String path) {
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("Filter pattern: empty object at '" + path + "'");
    }
    pattern.forEach(
        (key, rule) -> {
          String at = path.isEmpty() ? key : path + "." + key;
          if (key.startsWith("$")) {
            throw new IllegalArgumentException(
                "Filter pattern: " + key + " at '" + at + "' is not supported locally");
          }
          if (rule instanceof Map<?, ?> nested) {
            validate((Map<String, Object>) nested, at);
          } else if (rule instanceof List<?> accepted) {
            if (accepted.isEmpty()) {
              throw new IllegalArgumentException(
                  "Filter pattern: empty list of values at '" + at + "'");
            }
            accepted.forEach(a -> validateValue(a, at));
          } else {
            throw new IllegalArgumentException(
                "Filter pattern: the value at '"
                    + at
                    + "' must be a list of accepted values or an object, not "
                    + rule);
          }
        });
  }

  private static void validateValue(Object accepted, String at) {
    if (!(accepted instanceof Map<?, ?> operator)) {
      return;
    }
    String name = operator.size() == 1 ? String.valueOf(operator.keySet().iterator().next()) : "";
    if (!OPERATORS.contains(name)) {
      throw new IllegalArgumentException(
          "Filter pattern: "
              + operator
              + " at '"
              + at
              + "' is not supported locally (supported: "
              + String.join(", ", OPERATORS.stream().sorted().toList())
              + ")");
    }
    Object argument = operator.get(name);
    switch (name) {
      case "exists" -> require(argument instanceof Boolean, "exists needs true or false", at);
      case "prefix", "suffix", "equals-ignore-case" ->
          require(argument instanceof String, name + " needs a string", at);
      case "anything-but" -> {
        if (argument instanceof Map<?, ?> inner) {
          Object innerName = inner.size() == 1 ? inner.keySet().iterator().next() : null;
          require(
              "prefix".equals(innerName) || "suffix".equals(innerName),
              "anything-but takes a value, a list of values, or {prefix|suffix: x}",
              at);
          validateValue(inner, at);
        }
      }
      case "numeric" -> {
        boolean ok = argument instanceof List<?> l && !l.isEmpty() && l.size() % 2 == 0;
        if (ok) {
          List<?> l = (List<?>) argument;
          for (int i = 0; i < l.size(); i += 2) {
            ok &=
                COMPARISONS.contains(String.valueOf(l.get(i)).toLowerCase(Locale.ROOT))
                    && l.get(i + 1) instanceof Number;
          }
        }
        require(ok, "numeric needs pairs of comparison and number, e.g. [\">\", 0]", at);
      }
      default -> {}
    }
  }

  private static void require(boolean condition, String message, String at) {
    if (!condition) {
      throw new IllegalArgumentException("Filter pattern at '" + at + "': " + message);
    }
  }
}
