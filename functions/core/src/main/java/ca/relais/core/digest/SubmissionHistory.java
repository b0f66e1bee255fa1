package ca.relais.core.digest;

import ca.relais.core.model.Submission;
import java.time.Instant;
import java.util.List;

/** Port: one MRC's submissions over a time range, read by index (never by scanning the table). */
public interface SubmissionHistory {

  /** The MRC's submissions received in {@code [from, to)}, oldest first. */
  List<Submission> ofMrc(String mrcCode, Instant from, Instant to);
}
