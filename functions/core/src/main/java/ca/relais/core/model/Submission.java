package ca.relais.core.model;

import ca.relais.core.privacy.ConsentProof;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored submission: its reference id, when it arrived, what it says, what the relay team must
 * know about how it arrived (a correction, answers left out), and the proof of consent (or of the
 * notice shown) recorded at intake.
 */
public record Submission(
    String id,
    Instant receivedAt,
    SubmissionContent content,
    SubmissionNotes notes,
    Optional<ConsentProof> consent) {

  /** A submission with nothing to note and no recorded consent (tests, other sources). */
  public Submission(String id, Instant receivedAt, SubmissionContent content) {
    this(id, receivedAt, content, SubmissionNotes.NONE, Optional.empty());
  }

  /** A submission with notes and no recorded consent. */
  public Submission(
      String id, Instant receivedAt, SubmissionContent content, SubmissionNotes notes) {
    this(id, receivedAt, content, notes, Optional.empty());
  }

  /** A submission with its recorded consent and nothing to note. */
  public Submission(
      String id, Instant receivedAt, SubmissionContent content, Optional<ConsentProof> consent) {
    this(id, receivedAt, content, SubmissionNotes.NONE, consent);
  }

  public SubmissionType type() {
    return content.type();
  }
}
