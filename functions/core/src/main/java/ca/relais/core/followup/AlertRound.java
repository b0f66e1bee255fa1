package ca.relais.core.followup;

import java.time.Instant;
import java.util.List;

/**
 * One round of alerts of a submission: the first alert, then each escalation.
 *
 * @param level who was alerted (see {@link Level})
 * @param recipients the addresses alerted (relay agents of the health network, never citizens)
 * @param at when the round was sent
 */
public record AlertRound(Level level, List<String> recipients, Instant at) {

  public AlertRound {
    recipients = List.copyOf(recipients);
  }

  /** The levels of the escalation ladder, from the most local. */
  public enum Level {
    /** The MRC's primary agents only (its backups come next). */
    MRC_PRIMARY,
    /** Every agent of the MRC (primary and backup). */
    MRC,
    /** The MRC's backup agents. */
    MRC_BACKUP,
    /** The region's relay team. */
    REGION,
    /** The program inbox. */
    PROGRAM
  }
}
