package ca.relais.core.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.notify.SentLedger;
import ca.relais.core.testing.InMemorySentLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryEventServiceTest {

  private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
  private static final String HASH =
      "5d41402abc4b2a76b9719d911017c592ae3c1f4bde5b3d0a29e1f4f0d3c2b1a0";

  private final InMemorySentLedger ledger = new InMemorySentLedger();
  private final DeliveryEventService service =
      new DeliveryEventService(ledger, Clock.fixed(NOW, ZoneOffset.UTC));

  private void sent(String id, String key) {
    ledger.claim(id, key, NOW, Duration.ofMinutes(1));
    ledger.markSent(id, key, "m", NOW);
  }

  private static String event(String type, String details, String tags) {
    return """
        {"eventType": "%s", %s
         "mail": {"timestamp": "2026-11-20T14:59:00.000Z", "source": "relais@example.org",
                  "messageId": "0100018f-aaaa", "destination": ["agent@example.org"],
                  "tags": {"ses:configuration-set": ["relais"]%s}}}
        """
        .formatted(type, details, tags);
  }

  private static String ourTags(String id, String kind) {
    return """
        , "relais-submission": ["%s"], "relais-kind": ["%s"], "relais-recipient": ["%s"]"""
        .formatted(id, kind, HASH);
  }

  @Test
  void aPermanentBounceMarksTheAlertUndeliverable_andTheDigestSeesIt() {
    sent("O-1", "alert#" + HASH);
    String bounce =
        event(
            "Bounce",
            "\"bounce\": {\"bounceType\": \"Permanent\", \"bounceSubType\": \"General\","
                + " \"bouncedRecipients\": [{\"emailAddress\": \"agent@example.org\"}]},",
            ourTags("O-1", "alert"));

    assertEquals(DeliveryEventService.Outcome.RECORDED, service.record(bounce));

    assertEquals("Bounce/Permanent", ledger.undeliverableReason("O-1", "alert#" + HASH));
    SentLedger.Deliveries deliveries = ledger.deliveriesAmong(List.of("O-1"), "alert");
    assertEquals(Set.of("O-1"), deliveries.undeliverable());
  }

  @Test
  void aRejectIsRecordedToo() {
    sent("S-1", "confirmation#" + HASH);
    String reject =
        event(
            "Reject", "\"reject\": {\"reason\": \"Bad content\"},", ourTags("S-1", "confirmation"));
    assertEquals(DeliveryEventService.Outcome.RECORDED, service.record(reject));
    assertEquals("Reject", ledger.undeliverableReason("S-1", "confirmation#" + HASH));
  }

  @Test
  void complaintsAndDelaysAreIgnored_theEmailWasDelivered() {
    sent("O-1", "alert#" + HASH);
    assertEquals(
        DeliveryEventService.Outcome.IGNORED,
        service.record(event("Complaint", "\"complaint\": {},", ourTags("O-1", "alert"))));
    assertEquals(
        DeliveryEventService.Outcome.IGNORED,
        service.record(event("DeliveryDelay", "\"deliveryDelay\": {},", ourTags("O-1", "alert"))));
    assertNull(ledger.undeliverableReason("O-1", "alert#" + HASH));
  }

  @Test
  void aBounceOfAnEmailWithoutOurTags_orWithForgedTags_isIgnored() {
    assertEquals(
        DeliveryEventService.Outcome.IGNORED,
        service.record(event("Bounce", "\"bounce\": {\"bounceType\": \"Permanent\"},", "")));
    assertEquals(
        DeliveryEventService.Outcome.IGNORED,
        service.record(
            event(
                "Bounce",
                "\"bounce\": {\"bounceType\": \"Permanent\"},",
                ", \"relais-submission\": [\"O-1#x\"], \"relais-kind\": [\"alert\"],"
                    + " \"relais-recipient\": [\"abc\"]")));
  }

  @Test
  void somethingThatIsNotAnSesEvent_isMalformed_andChangesNothing() {
    for (String junk : List.of("", "not json", "[]", "{\"eventType\": \"Bounce\"}", "null")) {
      assertEquals(DeliveryEventService.Outcome.MALFORMED, service.record(junk), junk);
    }
  }

  @Test
  void identityNotificationsWithNotificationTypeAreUnderstood() {
    sent("O-2", "alert#" + HASH);
    String notification =
        event("x", "\"bounce\": {\"bounceType\": \"Permanent\"},", ourTags("O-2", "alert"))
            .replace("\"eventType\": \"x\"", "\"notificationType\": \"Bounce\"");
    assertEquals(DeliveryEventService.Outcome.RECORDED, service.record(notification));
    assertEquals("Bounce/Permanent", ledger.undeliverableReason("O-2", "alert#" + HASH));
  }

  /** Bounces that are refusals: a permanent bounce, whatever its sub-type. */
  @ParameterizedTest
  @ValueSource(
      strings = {"General", "NoEmail", "Suppressed", "OnAccountSuppressionList", "Undetermined"})
  void aPermanentBounceOfAnySubType_isARefusal(String subType) {
    sent("O-3", "alert#" + HASH);
    String bounce =
        event(
            "Bounce",
            "\"bounce\": {\"bounceType\": \"Permanent\", \"bounceSubType\": \"%s\"},"
                .formatted(subType),
            ourTags("O-3", "alert"));
    assertEquals(DeliveryEventService.Outcome.RECORDED, service.record(bounce));
    assertEquals(Set.of("O-3"), ledger.deliveriesAmong(List.of("O-3"), "alert").undeliverable());
  }

  /**
   * Bounces that are not refusals (SES's {@code Transient} sub-types, an {@code Undetermined} or
   * missing type, as identity notifications too): recorded apart, the alert stays sent.
   */
  @ParameterizedTest
  @CsvSource({
    "eventType, Transient, General",
    "eventType, Transient, MailboxFull",
    "eventType, Transient, MessageTooLarge",
    "eventType, Transient, ContentRejected",
    "eventType, Transient, AttachmentRejected",
    "eventType, transient, General",
    "eventType, Undetermined, Undetermined",
    "eventType, '', ''",
    "notificationType, Transient, General",
  })
  void aTransientOrUndeterminedBounce_isTemporary_notARefusal(
      String typeKey, String bounceType, String subType) {
    sent("O-4", "alert#" + HASH);
    String bounce =
        event(
                "Bounce",
                "\"bounce\": {\"bounceType\": \"%s\", \"bounceSubType\": \"%s\"},"
                    .formatted(bounceType, subType),
                ourTags("O-4", "alert"))
            .replace("\"eventType\"", "\"" + typeKey + "\"");
    assertEquals(DeliveryEventService.Outcome.RECORDED_TEMPORARY, service.record(bounce));
    assertNull(ledger.undeliverableReason("O-4", "alert#" + HASH));
    SentLedger.Deliveries deliveries = ledger.deliveriesAmong(List.of("O-4"), "alert");
    assertEquals(Set.of("O-4"), deliveries.sent());
    assertEquals(Set.of(), deliveries.undeliverable());
    assertEquals(Set.of("O-4"), deliveries.temporarilyUndelivered());
    assertTrue(ledger.temporaryReason("O-4", "alert#" + HASH).startsWith("Bounce/"));
  }
}
