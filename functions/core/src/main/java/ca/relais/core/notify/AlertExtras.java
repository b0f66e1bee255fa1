package ca.relais.core.notify;

import ca.relais.core.followup.AlertRound;
import java.util.List;
import java.util.Optional;

/**
 * What an alert carries besides the report: the recipient's own "pris en charge" link, and for an
 * escalation the rounds of alerts sent before it (who, when).
 */
public record AlertExtras(Optional<String> takeUrl, List<AlertRound> before) {

  public AlertExtras {
    before = List.copyOf(before);
  }

  /** A first alert with its take link. */
  public static AlertExtras firstAlert(String takeUrl) {
    return new AlertExtras(Optional.of(takeUrl), List.of());
  }

  /** An alert without a link or history (the citizen never gets one; tests). */
  public static AlertExtras none() {
    return new AlertExtras(Optional.empty(), List.of());
  }

  /** Whether this alert escalates a report that nobody took. */
  public boolean escalation() {
    return !before.isEmpty();
  }
}
