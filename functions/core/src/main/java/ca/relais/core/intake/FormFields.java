package ca.relais.core.intake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a submitted form, whatever its encoding: each name with its values in order. A list
 * is a repeated field (urlencoded, multipart) or a JSON array.
 */
public final class FormFields {

  private final Map<String, List<String>> values;

  private FormFields(Map<String, List<String>> values) {
    this.values = values;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static FormFields of(Map<String, List<String>> values) {
    Builder builder = builder();
    values.forEach((name, list) -> list.forEach(v -> builder.add(name, v)));
    return builder.build();
  }

  public Set<String> names() {
    return values.keySet();
  }

  /** Every value of a field, in order; empty when the field is absent. */
  public List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  @Override
  public String toString() {
    // A count only: values may be personal information, and names are chosen by the client.
    return "FormFields[" + values.size() + " fields]";
  }

  /** Collects fields in order. */
  public static final class Builder {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    public Builder add(String name, String value) {
      values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Records a field that is present with no value (a JSON null or an empty list). */
    public Builder addPresent(String name) {
      values.computeIfAbsent(name, k -> new ArrayList<>());
      return this;
    }

    public FormFields build() {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return new FormFields(Collections.unmodifiableMap(copy));
    }
  }
}
