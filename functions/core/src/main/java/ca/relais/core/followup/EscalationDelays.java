package ca.relais.core.followup;

import ca.relais.core.model.Submission;
import java.time.Duration;

/**
 * How long a report may stay untaken before the next level is alerted: {@code distress} for a
 * distress observation (template parameter {@code EscalationMinutes}, default 60), {@code other}
 * for any other observation ({@code OtherEscalationMinutes}, default 4320: 3 days).
 */
public record EscalationDelays(Duration distress, Duration other) {

  /** The delay that applies to a submission after each round. */
  public Duration after(Submission submission) {
    return EscalationLadder.distress(submission) ? distress : other;
  }

  /** Minutes as the template gives them; decimals allowed ({@code 0.05} is 3 s, for tests). */
  public static Duration minutes(String text) {
    try {
      double minutes = Double.parseDouble(text.trim());
      if (!(minutes > 0) || Double.isInfinite(minutes)) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(Math.round(minutes * 60_000));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("An escalation delay must be a positive number of minutes");
    }
  }
}
