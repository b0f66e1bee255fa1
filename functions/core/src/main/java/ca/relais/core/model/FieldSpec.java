package ca.relais.core.model;

import java.util.Set;

/**
 * One attribute Relais stores about a submission, as the {@link SubmissionSchema} declares it.
 *
 * @param name the attribute's name in the table item (and in exports)
 * @param types the record types that carry it
 * @param requiredFor the record types on which it is always present
 * @param sensitivity what it tells about a person
 * @param flows where it may go; {@link Flow#LOGS} never for a personal attribute
 * @param identifying true when it points to the person who submitted (their address or name): the
 *     person index is built from it and a person's erasure removes it
 * @param duplicateCheck the record types whose duplicate check (the content fingerprint) compares
 *     it: two submissions of a type are the same when every such attribute is
 */
public record FieldSpec(
    String name,
    Set<SubmissionType> types,
    Set<SubmissionType> requiredFor,
    Sensitivity sensitivity,
    Set<Flow> flows,
    boolean identifying,
    Set<SubmissionType> duplicateCheck) {

  /** An attribute that no duplicate check compares. */
  public FieldSpec(
      String name,
      Set<SubmissionType> types,
      Set<SubmissionType> requiredFor,
      Sensitivity sensitivity,
      Set<Flow> flows,
      boolean identifying) {
    this(name, types, requiredFor, sensitivity, flows, identifying, Set.of());
  }

  public FieldSpec {
    types = Set.copyOf(types);
    duplicateCheck = Set.copyOf(duplicateCheck);
    if (!types.containsAll(duplicateCheck)) {
      throw new IllegalArgumentException(name + ": compared for a type that does not carry it");
    }
    requiredFor = Set.copyOf(requiredFor);
    flows = Set.copyOf(flows);
    if (!types.containsAll(requiredFor)) {
      throw new IllegalArgumentException(name + ": required for a type that does not carry it");
    }
    if (sensitivity.personal() && flows.contains(Flow.LOGS)) {
      throw new IllegalArgumentException(name + ": a personal attribute never flows to the logs");
    }
    if (!flows.contains(Flow.TABLE)) {
      throw new IllegalArgumentException(name + ": every declared attribute is stored");
    }
  }

  public boolean flowsTo(Flow flow) {
    return flows.contains(flow);
  }

  public boolean carriedBy(SubmissionType type) {
    return types.contains(type);
  }

  /** True when the duplicate check of this record type compares this attribute. */
  public boolean comparedFor(SubmissionType type) {
    return duplicateCheck.contains(type);
  }

  /** The same attribute allowed to flow to these places instead (the table always included). */
  public FieldSpec withFlows(Set<Flow> newFlows) {
    return new FieldSpec(
        name, types, requiredFor, sensitivity, newFlows, identifying, duplicateCheck);
  }
}
