package ca.relais.core.delivery;

import ca.relais.core.log.StructuredLogger;
import ca.relais.core.notify.DeliveryTags;
import ca.relais.core.notify.SentLedger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Takes the email provider's delivery events (SES event publishing: {@code Bounce}, {@code Reject},
 * {@code Rendering Failure}) and records in the sent ledger that the email never reached its
 * recipient, so that the Monday digest lists the submission and no retry sends to that address
 * again. The email is found by its {@link DeliveryTags}; the event's addresses are never read or
 * logged.
 */
public final class DeliveryEventService {

  /** What became of one event. */
  public enum Outcome {
    /** A failed delivery of one of our emails, now in the ledger. */
    RECORDED,
    /** Not a failed delivery (a complaint, a delay...), or not an email of the ledger. */
    IGNORED,
    /** Not an SES event. */
    MALFORMED
  }

  /** Event types that mean the recipient never got the email. */
  private static final Set<String> UNDELIVERED = Set.of("Bounce", "Reject", "Rendering Failure");

  private static final StructuredLogger LOG =
      StructuredLogger.forComponent(DeliveryEventService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

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
    JsonNode event;
    try {
      event = JSON.readTree(sesEvent);
    } catch (JsonProcessingException e) {
      LOG.warn("delivery.malformed_event");
      return Outcome.MALFORMED;
    }
    if (event == null || !event.isObject() || !event.path("mail").isObject()) {
      LOG.warn("delivery.malformed_event");
      return Outcome.MALFORMED;
    }
    // Configuration-set events say eventType; identity notifications say notificationType.
    String type = event.path("eventType").asText(event.path("notificationType").asText(""));
    if (!UNDELIVERED.contains(type)) {
      LOG.info("delivery.ignored", "type", safe(type));
      return Outcome.IGNORED;
    }
    Optional<DeliveryTags.LedgerEntry> entry = DeliveryTags.entryOf(tags(event.path("mail")));
    if (entry.isEmpty()) {
      LOG.info("delivery.untagged", "type", type);
      return Outcome.IGNORED;
    }
    String reason = reason(type, event);
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
  private static Map<String, String> tags(JsonNode mail) {
    Map<String, String> tags = new HashMap<>();
    mail.path("tags")
        .fields()
        .forEachRemaining(
            tag -> {
              JsonNode value = tag.getValue();
              JsonNode first = value.isArray() ? value.path(0) : value;
              if (first.isTextual()) {
                tags.put(tag.getKey(), first.asText());
              }
            });
    return tags;
  }

  /** {@code Bounce/Permanent}, {@code Reject}...: the kind of failure, never the provider text. */
  private static String reason(String type, JsonNode event) {
    if (type.equals("Bounce")) {
      return "Bounce/" + safe(event.path("bounce").path("bounceType").asText("Undetermined"));
    }
    return type;
  }

  private static String safe(String value) {
    String letters = value.replaceAll("[^A-Za-z ]", "");
    return letters.substring(0, Math.min(letters.length(), 40)).trim();
  }
}
