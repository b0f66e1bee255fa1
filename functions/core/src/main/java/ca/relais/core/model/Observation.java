package ca.relais.core.model;

import java.time.LocalDate;
import java.util.Optional;

/** A vigie observation sent by an éclaireur to the relay team, validated. */
public record Observation(
    Territory territory,
    Category category,
    String description,
    boolean distress,
    Optional<LocalDate> observedOn,
    Optional<String> place,
    String reporterEmail,
    Optional<String> reporterName,
    Language language)
    implements SubmissionContent {

  @Override
  public SubmissionType type() {
    return SubmissionType.OBSERVATION;
  }
}
