package ca.relais.core.model;

import java.time.Instant;

/** A stored submission: its reference id, when it arrived, and what it says. */
public record Submission(String id, Instant receivedAt, SubmissionContent content) {

  public SubmissionType type() {
    return content.type();
  }
}
