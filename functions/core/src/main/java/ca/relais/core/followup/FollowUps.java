package ca.relais.core.followup;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the follow-up of each submission (kept on the submission's own record), and the open ones
 * whose escalation is due, read from a sparse index (never by scanning).
 */
public interface FollowUps {

  /**
   * Records the first round of alerts and when the first escalation is due (empty: never). Does
   * nothing if a first round is already recorded (a redelivered message).
   */
  void open(String submissionId, AlertRound first, Optional<Instant> dueAt);

  /** The follow-up of a submission; empty when the submission does not exist. */
  Optional<FollowUp> find(String submissionId);

  /**
   * Records who took the submission, unless someone did already.
   *
   * @return the taking that counts (this one, or the earlier one); empty when the submission does
   *     not exist
   */
  Optional<Taking> take(String submissionId, Taken taken);

  /**
   * @param taken who took it and when
   * @param now whether this call recorded it (false: someone took it before)
   */
  record Taking(Taken taken, boolean now) {}

  /** Ids of untaken submissions whose escalation was due at {@code now} or before, oldest first. */
  List<String> due(Instant now, int limit);

  /**
   * Records an escalation round, if the submission is still untaken and its last round is still
   * {@code after} (another run did not escalate it meanwhile).
   *
   * @param nextDue when the following escalation is due; empty: it leaves the open index
   * @return false when the condition did not hold (nothing written)
   */
  boolean escalate(
      String submissionId, AlertRound.Level after, AlertRound round, Optional<Instant> nextDue);

  /** Takes a submission out of the open index without escalating it (nothing left to do). */
  void close(String submissionId);

  /** Who took which of these submissions (absent: not taken). */
  Map<String, Taken> takenAmong(Collection<String> submissionIds);
}
