package ca.relais.core.port;

import ca.relais.core.model.Submission;
import java.time.Instant;
import java.util.Optional;

/**
 * Durable storage of submissions, with the guards that keep one submission from being stored twice.
 */
public interface SubmissionStore {

  /**
   * Stores a submission unless a guard says it was already stored: one atomic write.
   *
   * @param submission what to store
   * @param retainUntil when the record may be deleted (retention policy of its type)
   * @param guard the duplicate guards claimed together with the write
   */
  SaveResult save(Submission submission, Instant retainUntil, DuplicateGuard guard);

  /** A stored submission by reference id. */
  Optional<Submission> find(String id);

  /**
   * Keys that identify a repeat of the same submission within a window: the fingerprint of its
   * normalised content, and the client's {@code Idempotency-Key} when it sent one.
   */
  record DuplicateGuard(
      String contentFingerprint, Optional<String> idempotencyKey, Instant guardUntil) {}

  /** What happened to a save. */
  sealed interface SaveResult {
    /** Stored now. */
    record Saved(String id) implements SaveResult {}

    /** Already stored: the id of the earlier submission. */
    record DuplicateOf(String existingId) implements SaveResult {}

    /**
     * The idempotency key was already used for different content: {@code existingId} is the
     * submission stored under it first.
     */
    record IdempotencyKeyReused(String existingId) implements SaveResult {}
  }
}
