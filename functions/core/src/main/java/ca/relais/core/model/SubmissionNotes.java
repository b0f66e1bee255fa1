package ca.relais.core.model;

import java.util.List;
import java.util.Optional;

/**
 * What the relay team must know about how a submission arrived through a webhook.
 *
 * @param correctionOf the reference id of the first record of the same delivery, when this one is a
 *     correction (the form tool sent the same delivery id again with different answers)
 * @param droppedAnswers the optional Relais fields whose answer could not be read and were left out
 *     of the record ({@code observedOn}, {@code phone}...), named in the alert
 */
public record SubmissionNotes(Optional<String> correctionOf, List<String> droppedAnswers) {

  /** Nothing to note: the usual case, and every submission of our own forms and API. */
  public static final SubmissionNotes NONE = new SubmissionNotes(Optional.empty(), List.of());

  public SubmissionNotes {
    droppedAnswers = List.copyOf(droppedAnswers);
  }

  public boolean isEmpty() {
    return correctionOf.isEmpty() && droppedAnswers.isEmpty();
  }

  public SubmissionNotes asCorrectionOf(String firstId) {
    return new SubmissionNotes(Optional.of(firstId), droppedAnswers);
  }
}
