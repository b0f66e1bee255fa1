package ca.relais.core.dispatch;

import java.util.Optional;

/**
 * Port: the type and MRC of a stored submission, read from the table, because the stream carries
 * keys only (no personal information leaves the table through it).
 */
public interface SubmissionRoutes {

  /**
   * The alert for a stored submission; empty when it no longer exists (erased), is past its
   * retention or was withdrawn: there is nothing to alert about.
   */
  Optional<AlertRequest> alertFor(String submissionId);
}
