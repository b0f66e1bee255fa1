package ca.relais.core.delivery;

import ca.relais.core.json.Json;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.notify.DeliveryTags;
import ca.relais.core.notify.SentLedger;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Takes the email provider's delivery events (SES event publishing: {@code Bounce}, {@code Reject},
 * {@code Rendering Failure}) and records them in the sent ledger. A refusal (a {@code Permanent}
 * bounce, a reject, a rendering failure) marks the email undeliverable: the Monday digest lists the
 * submission as refused and no retry sends to that address again. A {@code Transient} or {@code
 * Undetermined} bounce (out of office, mailbox full) is not a refusal: it is recorded apart, listed
 * in the digest as "temporary, check", and blocks nothing. The email is found by its {@link
 * DeliveryTags}; the event's addresses are never read or logged.
 */
public final class DeliveryEventService {

  /** What became of one event. */
  public enum Outcome {
    /** A refusal of one of our emails, now in the ledger: never sent there again. */
    RECORDED,
    /**
     * A temporary failure of one of our emails (a transient bounce: out of office, mailbox full),
     * recorded apart: listed in the digest as "temporary, check", blocking nothing.
     */
    RECORDED_TEMPORARY,
    /** Not a failed delivery (a complaint, a delay...), or not an email of the ledger. */
    IGNORED,
    /** Not an SES event. */
    MALFORMED
  }

  /** Event types that mean the recipient never got the email (for a bounce: perhaps not yet). */
  private static final Set<String> UNDELIVERED = Set.of("Bounce", "Reject", "Rendering Failure");

  /**
   * The only bounce type that is a refusal. {@code Transient} (out of office, mailbox full, message
   * too large) and {@code Undetermined} are temporary: to check, never blocking.
   */
  private static final String PERMANENT_BOUNCE = "Permanent";

  /** The bounce types SES documents. */
  private static final List<String> BOUNCE_TYPES =
      List.of(PERMANENT_BOUNCE, "Transient", "Undetermined");

  private static final StructuredLogger LOG =
      StructuredLogger.forComponent(DeliveryEventService.class);

  private final SentLedger ledger;
  private final Clock clock;

  public DeliveryEventService(SentLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Records one event, as SES publishes it (the SNS message body).
   *
   * @throws RuntimeException when the ledger cannot be written (the event is retried)
   */
  public Outcome record(String sesEvent) {
    Object event;
    try {
      event = Json.read(sesEvent);
    } catch (IOException e) {
      LOG.warn("delivery.malformed_event");
      return Outcome.MALFORMED;
    }
    if (!(Json.path(event, "mail") instanceof Map)) {
      LOG.warn("delivery.malformed_event");
      return Outcome.MALFORMED;
    }
    // Configuration-set events say eventType; identity notifications say notificationType.
    String type =
        Json.text(
            Json.path(event, "eventType"), Json.text(Json.path(event, "notificationType"), ""));
    if (!UNDELIVERED.contains(type)) {
      LOG.info("delivery.ignored", "type", safe(type));
      return Outcome.IGNORED;
    }
    Optional<DeliveryTags.LedgerEntry> entry = DeliveryTags.entryOf(tags(Json.path(event, "mail")));
    if (entry.isEmpty()) {
      LOG.info("delivery.untagged", "type", type);
      return Outcome.IGNORED;
    }
    String reason = reason(type, event);
    if (type.equals("Bounce") && !reason.equals("Bounce/" + PERMANENT_BOUNCE)) {
      ledger.markTemporarilyUndelivered(
          entry.get().submissionId(), entry.get().emailKey(), reason, clock.instant());
      LOG.info(
          "delivery.temporary",
          "id",
          entry.get().submissionId(),
          "kind",
          entry.get().kind(),
          "reason",
          reason);
      return Outcome.RECORDED_TEMPORARY;
    }
    ledger.markUndeliverable(
        entry.get().submissionId(), entry.get().emailKey(), reason, clock.instant());
    LOG.warn(
        "delivery.undeliverable",
        "id",
        entry.get().submissionId(),
        "kind",
        entry.get().kind(),
        "reason",
        reason);
    return Outcome.RECORDED;
  }

  /** SES gives each tag as a list of values; ours have one. */
  private static Map<String, String> tags(Object mail) {
    Map<String, String> tags = new HashMap<>();
    for (Map.Entry<String, Object> tag : Json.members(Json.path(mail, "tags"))) {
      Object value = tag.getValue();
      Object first = value instanceof List<?> list ? (list.isEmpty() ? null : list.get(0)) : value;
      if (first instanceof String text) {
        tags.put(tag.getKey(), text);
      }
    }
    return tags;
  }

  /**
   * {@code Bounce/Permanent}, {@code Bounce/Transient}, {@code Reject}...: the kind of failure,
   * never the provider text. A bounce type SES does not document reads {@code Undetermined}.
   */
  private static String reason(String type, Object event) {
    if (type.equals("Bounce")) {
      String bounceType = Json.text(Json.path(event, "bounce", "bounceType"), "");
      return "Bounce/"
          + BOUNCE_TYPES.stream()
              .filter(known -> known.equalsIgnoreCase(bounceType.trim()))
              .findFirst()
              .orElse("Undetermined");
    }
    return type;
  }

  private static String safe(String value) {
    String letters = value.replaceAll("[^A-Za-z ]", "");
    return letters.substring(0, Math.min(letters.length(), 40)).trim();
  }
}
