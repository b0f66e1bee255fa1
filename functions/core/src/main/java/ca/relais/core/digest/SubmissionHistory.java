package ca.relais.core.digest;

import ca.relais.core.followup.Taken;
import ca.relais.core.model.Submission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: one MRC's submissions over a time range, read by index (never by scanning the table). */
public interface SubmissionHistory {

  /** The MRC's submissions received in {@code [from, to)}, oldest first. */
  List<Submission> ofMrc(String mrcCode, Instant from, Instant to);

  /**
   * The MRC's submissions received in {@code [from, to)}, oldest first, with who took each of them
   * when the same read tells it (a store that keeps the follow-up on the submission's own item):
   * the digest then does not read those items a second time.
   */
  default Read ofMrcWithTaken(String mrcCode, Instant from, Instant to) {
    return new Read(ofMrc(mrcCode, from, to), Optional.empty());
  }

  /**
   * @param submissions oldest first
   * @param taken who took which of {@code submissions} (absent from the map: not taken); empty when
   *     this history does not know it (ask {@link ca.relais.core.followup.FollowUps})
   */
  record Read(List<Submission> submissions, Optional<Map<String, Taken>> taken) {
    public Read {
      submissions = List.copyOf(submissions);
      taken = taken.map(Map::copyOf);
    }
  }
}
