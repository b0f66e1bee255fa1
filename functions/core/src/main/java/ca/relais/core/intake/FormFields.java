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
  private final Map<String, Integer> positions;

  private FormFields(Map<String, List<String>> values, Map<String, Integer> positions) {
    this.values = values;
    this.positions = positions;
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

  /**
   * Where a field was in the body as sent, 1-based, each name counted once in the order it first
   * appeared (a JSON key, a urlencoded or multipart name): kept when fields are left out, so that
   * an answer can name a field by its position instead of by the name the client chose.
   *
   * @throws IllegalArgumentException for a field that is not there
   */
  public int positionOf(String name) {
    Integer position = positions.get(name);
    if (position == null) {
      throw new IllegalArgumentException("not a field of this form");
    }
    return position;
  }

  /** The same fields but these, each keeping its position in the body as sent. */
  public FormFields without(Set<String> names) {
    Map<String, List<String>> kept = new LinkedHashMap<>(values);
    Map<String, Integer> keptPositions = new LinkedHashMap<>(positions);
    kept.keySet().removeAll(names);
    keptPositions.keySet().removeAll(names);
    return new FormFields(
        Collections.unmodifiableMap(kept), Collections.unmodifiableMap(keptPositions));
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
      Map<String, Integer> positions = new LinkedHashMap<>();
      values.forEach(
          (k, v) -> {
            copy.put(k, List.copyOf(v));
            positions.put(k, positions.size() + 1);
          });
      return new FormFields(
          Collections.unmodifiableMap(copy), Collections.unmodifiableMap(positions));
    }
  }
}
