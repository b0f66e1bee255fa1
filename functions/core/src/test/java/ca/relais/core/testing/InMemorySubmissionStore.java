package ca.relais.core.testing;

import ca.relais.core.digest.SubmissionHistory;
import ca.relais.core.model.Submission;
import ca.relais.core.port.SubmissionStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fake of the store port with the same duplicate rules as the DynamoDB adapter. */
public final class InMemorySubmissionStore implements SubmissionStore, SubmissionHistory {

  public final Map<String, Submission> submissions = new LinkedHashMap<>();
  private final Map<String, String[]> guards = new LinkedHashMap<>();

  @Override
  public synchronized SaveResult save(
      Submission submission, Instant retainUntil, DuplicateGuard guard) {
    Instant now = submission.receivedAt();
    if (guard.idempotencyKey().isPresent()) {
      String[] existing = live(guards.get("KEY#" + guard.idempotencyKey().get()), now);
      if (existing != null) {
        return existing[1].equals(guard.contentFingerprint())
            ? new SaveResult.DuplicateOf(existing[0])
            : new SaveResult.IdempotencyKeyReused(existing[0]);
      }
    }
    String[] content = live(guards.get("CONTENT#" + guard.contentFingerprint()), now);
    if (content != null) {
      return new SaveResult.DuplicateOf(content[0]);
    }
    String[] record = {submission.id(), guard.contentFingerprint(), guard.guardUntil().toString()};
    guards.put("CONTENT#" + guard.contentFingerprint(), record);
    guard.idempotencyKey().ifPresent(k -> guards.put("KEY#" + k, record));
    submissions.put(submission.id(), submission);
    return new SaveResult.Saved(submission.id());
  }

  private static String[] live(String[] guard, Instant now) {
    return guard != null && Instant.parse(guard[2]).isAfter(now) ? guard : null;
  }

  @Override
  public synchronized Optional<Submission> find(String id) {
    return Optional.ofNullable(submissions.get(id));
  }

  @Override
  public synchronized List<Submission> ofMrc(String mrcCode, Instant from, Instant to) {
    return submissions.values().stream()
        .filter(s -> s.content().territory().mrcCode().equals(mrcCode))
        .filter(s -> !s.receivedAt().isBefore(from) && s.receivedAt().isBefore(to))
        .sorted(Comparator.comparing(Submission::receivedAt))
        .toList();
  }
}
