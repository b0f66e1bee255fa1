package ca.relais.core.privacy;

import ca.relais.core.config.Environment;

/**
 * The deployment's part of the privacy notice, from template parameters: the body responsible for
 * the personal information ({@code ResponsibleBody}), how to reach its privacy officer ({@code
 * PrivacyOfficerContact}) and the address people write to for their rights, which is also the
 * emails' Reply-To ({@code PrivacyContactEmail}).
 */
public record NoticeParameters(String responsibleBody, String privacyOfficer, String contactEmail) {

  /** The template parameters' defaults, for tests and the local stack. */
  public static NoticeParameters templateDefaults() {
    return new NoticeParameters(
        "CISSS de votre région (exemple)", "prp@example.org (exemple)", "relais@example.org");
  }

  /** From {@code RESPONSIBLE_BODY}, {@code PRIVACY_OFFICER} and {@code PRIVACY_CONTACT_EMAIL}. */
  public static NoticeParameters fromEnvironment(Environment environment) {
    return new NoticeParameters(
        environment.require("RESPONSIBLE_BODY"),
        environment.require("PRIVACY_OFFICER"),
        environment.require("PRIVACY_CONTACT_EMAIL"));
  }
}
