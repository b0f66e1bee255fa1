package ca.relais.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading parsed template values: maps and lists, intrinsic functions, and the numbers, flags and
 * names that resource properties need before anything is provisioned (text, or a {@code !Ref} to a
 * parameter).
 */
final class TemplateValues {

  private TemplateValues() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }

  /** {@code {Ref: x}}, {@code {Condition: x}} or {@code {Fn::Name: x}}. */
  static boolean isIntrinsic(Object value) {
    if (!(value instanceof Map<?, ?> m) || m.size() != 1) {
      return false;
    }
    String key = String.valueOf(m.keySet().iterator().next());
    return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
  }

  /** An expression as the template's author wrote it: {@code !Ref X}, {@code !GetAtt A.B}... */
  static String describe(Object value) {
    if (!isIntrinsic(value)) {
      return String.valueOf(value);
    }
    Map.Entry<String, Object> entry = map(value).entrySet().iterator().next();
    String tag = entry.getKey().startsWith("Fn::") ? entry.getKey().substring(4) : entry.getKey();
    Object argument = entry.getValue();
    if (tag.equals("GetAtt") && argument instanceof List<?> parts && parts.size() == 2) {
      return "!GetAtt " + describe(parts.get(0)) + "." + describe(parts.get(1));
    }
    if (argument instanceof List<?> parts) {
      StringBuilder out = new StringBuilder("!" + tag + " [");
      for (int i = 0; i < parts.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(describe(parts.get(i)));
      }
      return out.append(']').toString();
    }
    return "!" + tag + " " + describe(argument);
  }

  /**
   * A scalar property: itself, or the value of the parameter that a {@code !Ref} names.
   *
   * @param where the property's place in the template, for messages
   */
  static Object scalar(Object value, Map<String, ParameterDef> parameters, String where) {
    if (value instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String name) {
      ParameterDef parameter = parameters.get(name);
      if (parameter == null) {
        throw new IllegalArgumentException(
            where
                + ": !Ref "
                + name
                + " is not a parameter of the template (a value is needed here)");
      }
      return parameter
          .defaultValue()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      where + ": parameter " + name + " has no Default and no value was given"));
    }
    if (value instanceof Map || value instanceof List) {
      throw new IllegalArgumentException(
          where + ": " + describe(value) + " is not supported here (text or !Ref Parameter)");
    }
    return value;
  }

  /** A whole number property; {@code fallback} when absent. */
  static int integer(
      Object value, int fallback, Map<String, ParameterDef> parameters, String where) {
    if (value == null) {
      return fallback;
    }
    Object v = scalar(value, parameters, where);
    if (v instanceof Integer || v instanceof Long) {
      return Math.toIntExact(((Number) v).longValue());
    }
    try {
      return Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": '" + v + "' is not a whole number", e);
    }
  }

  /** A true/false property; {@code fallback} when absent. */
  static boolean flag(
      Object value, boolean fallback, Map<String, ParameterDef> parameters, String where) {
    if (value == null) {
      return fallback;
    }
    Object v = scalar(value, parameters, where);
    if (v instanceof Boolean b) {
      return b;
    }
    String text = String.valueOf(v).trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new IllegalArgumentException(where + ": '" + v + "' is not true or false");
  }

  /** A required text property (text or a parameter). */
  static String text(Object value, Map<String, ParameterDef> parameters, String where) {
    if (value == null) {
      throw new IllegalArgumentException(where + " is missing");
    }
    return String.valueOf(scalar(value, parameters, where));
  }

  /** An optional text property; {@code fallback} when absent. */
  static String text(
      Object value, String fallback, Map<String, ParameterDef> parameters, String where) {
    return value == null ? fallback : text(value, parameters, where);
  }

  /**
   * A name that may be given as an expression: text and parameters are read now; other expressions
   * give an empty result, for the provisioner to resolve once resources exist.
   */
  static Optional<String> name(Object value, Map<String, ParameterDef> parameters) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String ref) {
      ParameterDef parameter = parameters.get(ref);
      return parameter == null ? Optional.empty() : parameter.defaultValue();
    }
    if (value instanceof Map || value instanceof List) {
      return Optional.empty();
    }
    return Optional.of(String.valueOf(value));
  }

  /**
   * The logical id in {@code !GetAtt X.attribute} (one of {@code attributes}) or {@code !Ref X}.
   */
  static String target(Object value, String where, String... attributes) {
    if (value instanceof Map<?, ?> m && m.size() == 1) {
      if (m.get("Fn::GetAtt") instanceof List<?> parts
          && parts.size() == 2
          && parts.get(0) instanceof String id
          && List.of(attributes).contains(String.valueOf(parts.get(1)))) {
        return id;
      }
      if (m.get("Fn::GetAtt") instanceof String dotted && dotted.indexOf('.') > 0) {
        String attribute = dotted.substring(dotted.indexOf('.') + 1);
        if (List.of(attributes).contains(attribute)) {
          return dotted.substring(0, dotted.indexOf('.'));
        }
      }
    }
    throw new IllegalArgumentException(
        where
            + " must be !GetAtt LogicalId."
            + String.join(" or ", attributes)
            + " (the local stack wires resources of this template only), not "
            + describe(value));
  }
}
