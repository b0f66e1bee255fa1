package ca.relais.core.notify;

import ca.relais.core.model.FieldFlows;
import ca.relais.core.model.Flow;
import ca.relais.core.model.SubmissionType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The values of a submission's attributes an output shows, as the schema's flows allow: an email or
 * digest model names each attribute it can show and how to show it, and gets back only those the
 * schema lets flow there, in the schema's order; any other is empty (empty text, false, an empty
 * list), so its template leaves it out.
 */
public final class ShownValues {

  private final Map<String, Object> values;

  private ShownValues(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * @param readers by attribute name: how the output shows it (only called when it may flow there)
   * @throws IllegalArgumentException when a reader names an attribute the record type does not
   *     carry
   */
  public static ShownValues of(
      FieldFlows flows, Flow flow, SubmissionType type, Map<String, Supplier<Object>> readers) {
    List<String> attributes = flows.attributesOf(type);
    for (String name : readers.keySet()) {
      if (!attributes.contains(name)) {
        throw new IllegalArgumentException(type + " has no attribute " + name);
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : attributes) {
      Supplier<Object> reader = readers.get(name);
      if (reader != null) {
        values.put(name, flows.allows(name, flow) ? reader.get() : null);
      }
    }
    return new ShownValues(values);
  }

  /** True when the attribute may be shown here (and had a reader). */
  public boolean shown(String attribute) {
    return values.get(attribute) != null;
  }

  /** The shown text, or empty text. */
  public String text(String attribute) {
    Object value = values.get(attribute);
    return value == null ? "" : value.toString();
  }

  /** The shown flag, or false. */
  public boolean flag(String attribute) {
    return values.get(attribute) instanceof Boolean b && b;
  }

  /** The shown list, or an empty one. */
  public List<?> list(String attribute) {
    return values.get(attribute) instanceof Collection<?> c ? List.copyOf(c) : List.of();
  }

  /** The shown values by attribute, in the schema's order (what may not flow here is absent). */
  public Map<String, Object> asMap() {
    Map<String, Object> shown = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null) {
            shown.put(k, v);
          }
        });
    return shown;
  }
}
