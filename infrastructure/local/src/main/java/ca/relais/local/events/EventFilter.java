package ca.relais.local.events;

import java.util.List;
import java.util.Map;

/**
 * Lambda's event filtering (the part the template uses): a pattern maps keys to a list of accepted
 * values or to a nested pattern; a value may be a literal, {@code {"exists": bool}}, {@code
 * {"prefix": "x"}} or {@code {"anything-but": [...]}}. A record passes when any pattern matches it
 * (no pattern: every record passes).
 */
final class EventFilter {

  private final List<Map<String, Object>> patterns;

  EventFilter(List<Map<String, Object>> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  boolean accepts(Map<String, Object> record) {
    return patterns.isEmpty() || patterns.stream().anyMatch(p -> matches(p, record));
  }

  @SuppressWarnings("unchecked")
  private static boolean matches(Map<String, Object> pattern, Object value) {
    Map<String, Object> object = value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    for (Map.Entry<String, Object> rule : pattern.entrySet()) {
      Object field = object.get(rule.getKey());
      if (rule.getValue() instanceof Map<?, ?> nested) {
        if (!matches((Map<String, Object>) nested, field)) {
          return false;
        }
      } else if (rule.getValue() instanceof List<?> accepted) {
        if (accepted.stream().noneMatch(a -> matchesValue(a, field))) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesValue(Object accepted, Object field) {
    if (accepted instanceof Map<?, ?> operator) {
      if (operator.containsKey("exists")) {
        return Boolean.parseBoolean(String.valueOf(operator.get("exists"))) == (field != null);
      }
      if (operator.containsKey("prefix")) {
        return field != null
            && String.valueOf(field).startsWith(String.valueOf(operator.get("prefix")));
      }
      if (operator.containsKey("anything-but")) {
        Object excluded = operator.get("anything-but");
        List<?> values = excluded instanceof List<?> l ? l : List.of(excluded);
        return field != null
            && values.stream().noneMatch(v -> String.valueOf(v).equals(String.valueOf(field)));
      }
      return false;
    }
    if (field == null) {
      return accepted == null;
    }
    return String.valueOf(accepted).equals(String.valueOf(field));
  }
}
