package ca.relais.core.followup;

import ca.relais.core.config.Environment;
import java.time.Duration;

/**
 * The follow-up settings that {@code template.yaml} gives the functions: {@code TAKE_LINK_SECRET}
 * (parameter {@code TakeLinkSecret}, NoEcho), {@code PUBLIC_BASE_URL} (the HTTP API's URL), {@code
 * TAKE_LINK_DAYS} (default 14), {@code ESCALATION_MINUTES} (default 60) and {@code
 * OTHER_ESCALATION_MINUTES} (default 4320).
 */
public final class FollowUpSettings {

  private FollowUpSettings() {}

  /** The link signer; fails fast when the secret or the base URL is missing. */
  public static TakeLinks takeLinks(Environment environment) {
    return new TakeLinks(
        environment.require("TAKE_LINK_SECRET"),
        environment.require("PUBLIC_BASE_URL"),
        Duration.ofDays(environment.intValue("TAKE_LINK_DAYS", 14)));
  }

  /**
   * A signer that only verifies (the acknowledge function: it makes no links, and its own API's URL
   * would make a dependency cycle in the template).
   */
  public static TakeLinks verifier(Environment environment) {
    return new TakeLinks(
        environment.require("TAKE_LINK_SECRET"),
        "",
        Duration.ofDays(environment.intValue("TAKE_LINK_DAYS", 14)));
  }

  /** The escalation delays. */
  public static EscalationDelays delays(Environment environment) {
    return new EscalationDelays(
        EscalationDelays.minutes(environment.get("ESCALATION_MINUTES").orElse("60")),
        EscalationDelays.minutes(environment.get("OTHER_ESCALATION_MINUTES").orElse("4320")));
  }
}
