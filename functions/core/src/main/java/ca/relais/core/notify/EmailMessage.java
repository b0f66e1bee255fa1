package ca.relais.core.notify;

import java.util.Map;

/**
 * One email to one recipient, rendered: subject without personal information, HTML and text parts.
 *
 * @param tags message tags the provider hands back with delivery events (bounces), so that they can
 *     be matched to the sent ledger; never personal information (see {@link DeliveryTags})
 */
public record EmailMessage(
    String to, String subject, String html, String text, Map<String, String> tags) {

  public EmailMessage {
    tags = Map.copyOf(tags);
  }

  /** An email without tags. */
  public EmailMessage(String to, String subject, String html, String text) {
    this(to, subject, html, text, Map.of());
  }

  public EmailMessage withTags(Map<String, String> newTags) {
    return new EmailMessage(to, subject, html, text, newTags);
  }
}
