package ca.relais.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each attribute of a submission may flow, as a schema declares it: the emails and digests
 * ask it before they show a value. {@link #declared()} is the {@link SubmissionSchema}'s; a test
 * may derive another one with {@link #withFlows} to see an output follow the declaration.
 */
public final class FieldFlows {

  private static final FieldFlows DECLARED = new FieldFlows(SubmissionSchema.fields());

  private final Map<String, FieldSpec> fields;

  /** {@link #attributesOf} of each record type, once: every email and digest line asks for it. */
  private final Map<SubmissionType, List<String>> attributesByType =
      new java.util.EnumMap<>(SubmissionType.class);

  private FieldFlows(List<FieldSpec> specs) {
    Map<String, FieldSpec> byName = new LinkedHashMap<>();
    specs.forEach(f -> byName.put(f.name(), f));
    this.fields = byName;
    for (SubmissionType type : SubmissionType.values()) {
      attributesByType.put(
          type,
          fields.values().stream().filter(f -> f.carriedBy(type)).map(FieldSpec::name).toList());
    }
  }

  /** The flows the {@link SubmissionSchema} declares. */
  public static FieldFlows declared() {
    return DECLARED;
  }

  /**
   * True when the attribute may go there.
   *
   * @throws IllegalArgumentException for an attribute the schema does not declare (an output that
   *     names one is a bug, not a choice)
   */
  public boolean allows(String attribute, Flow flow) {
    FieldSpec field = fields.get(attribute);
    if (field == null) {
      throw new IllegalArgumentException("Not a declared attribute: " + attribute);
    }
    return field.flowsTo(flow);
  }

  /** The attributes of a record type, in the schema's order. */
  public List<String> attributesOf(SubmissionType type) {
    return attributesByType.get(type);
  }

  /**
   * The same declaration, but this attribute may flow only to these places (the table always).
   *
   * @throws IllegalArgumentException for an undeclared attribute, or flows the schema refuses (a
   *     personal attribute to the logs)
   */
  public FieldFlows withFlows(String attribute, Set<Flow> flows) {
    if (!fields.containsKey(attribute)) {
      throw new IllegalArgumentException("Not a declared attribute: " + attribute);
    }
    Set<Flow> all = java.util.EnumSet.of(Flow.TABLE);
    all.addAll(flows);
    return new FieldFlows(
        fields.values().stream()
            .map(f -> f.name().equals(attribute) ? f.withFlows(all) : f)
            .toList());
  }
}
