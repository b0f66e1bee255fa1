package ca.relais.core.followup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a submission stands after its alert: the rounds of alerts sent, whether someone took it,
 * and when the next escalation is due (empty when none will come).
 */
public record FollowUp(
    String submissionId, List<AlertRound> rounds, Optional<Taken> taken, Optional<Instant> dueAt) {

  public FollowUp {
    rounds = List.copyOf(rounds);
  }

  /** The latest round; empty before the first alert is recorded. */
  public Optional<AlertRound> lastRound() {
    return rounds.isEmpty() ? Optional.empty() : Optional.of(rounds.get(rounds.size() - 1));
  }
}
