package ca.relais.core.model;

import java.time.Instant;

/**
 * A stored submission: its reference id, when it arrived, what it says, and what the relay team
 * must know about how it arrived (a correction, answers left out).
 */
public record Submission(
    String id, Instant receivedAt, SubmissionContent content, SubmissionNotes notes) {

  /** A submission with nothing to note. */
  public Submission(String id, Instant receivedAt, SubmissionContent content) {
    this(id, receivedAt, content, SubmissionNotes.NONE);
  }

  public SubmissionType type() {
    return content.type();
  }
}
