package ca.relais.core.model;

import ca.relais.core.privacy.ConsentProof;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored submission: its reference id, when it arrived, what it says, and the proof of consent
 * (or of the notice shown) recorded at intake.
 */
public record Submission(
    String id, Instant receivedAt, SubmissionContent content, Optional<ConsentProof> consent) {

  /** A submission without a recorded consent (tests, records read from another source). */
  public Submission(String id, Instant receivedAt, SubmissionContent content) {
    this(id, receivedAt, content, Optional.empty());
  }

  public SubmissionType type() {
    return content.type();
  }
}
