package ca.relais.core.notify;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The message tags that tie a sent email to its entry in the sent ledger: the submission id, the
 * kind of email and the recipient's key (the keyed HMAC of {@link
 * ca.relais.core.privacy.PersonKey}, never the address nor a plain hash). The email provider
 * returns them with bounce and reject events. Tag values may hold only ASCII letters, digits,
 * {@code _} and {@code -} (SES rule), which ids and hex digests satisfy.
 */
public final class DeliveryTags {

  public static final String SUBMISSION = "relais-submission";
  public static final String KIND = "relais-kind";
  public static final String RECIPIENT = "relais-recipient";

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private DeliveryTags() {}

  /** The tags of one email of the ledger entry {@code (submissionId, kind#recipientKey)}. */
  public static Map<String, String> of(String submissionId, String emailKey) {
    Map<String, String> tags =
        Map.of(
            SUBMISSION, submissionId,
            KIND, SentLedger.kindOf(emailKey),
            RECIPIENT, SentLedger.recipientKeyOf(emailKey));
    tags.values().forEach(DeliveryTags::requireSafe);
    return tags;
  }

  /** The ledger entry named by an email's tags, when all three are there and well formed. */
  public static Optional<LedgerEntry> entryOf(Map<String, String> tags) {
    String id = tags.get(SUBMISSION);
    String kind = tags.get(KIND);
    String recipient = tags.get(RECIPIENT);
    if (id == null || kind == null || recipient == null) {
      return Optional.empty();
    }
    if (!SAFE.matcher(id).matches()
        || !SAFE.matcher(kind).matches()
        || !SAFE.matcher(recipient).matches()) {
      return Optional.empty();
    }
    return Optional.of(new LedgerEntry(id, SentLedger.emailKeyOf(kind, recipient)));
  }

  private static void requireSafe(String value) {
    if (!SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException("tag value outside [A-Za-z0-9_-]{1,256}");
    }
  }

  /** One entry of the sent ledger. */
  public record LedgerEntry(String submissionId, String emailKey) {

    public String kind() {
      return SentLedger.kindOf(emailKey);
    }
  }
}
