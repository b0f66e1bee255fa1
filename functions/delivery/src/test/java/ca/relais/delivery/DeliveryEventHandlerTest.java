package ca.relais.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.core.delivery.DeliveryEventService;
import ca.relais.core.notify.SentLedger;
import ca.relais.core.testing.InMemorySentLedger;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The handler on {@code events/delivery-sns-ses-bounce.json}, read as Lambda reads it. */
class DeliveryEventHandlerTest {

  private final InMemorySentLedger ledger = new InMemorySentLedger();
  private final DeliveryEventHandler handler =
      new DeliveryEventHandler(new DeliveryEventService(ledger, Clock.systemUTC()));

  private static SNSEvent sample() throws Exception {
    Path root = Path.of(System.getProperty("relais.root", "../.."));
    return LambdaEventSerializers.serializerFor(
            SNSEvent.class, DeliveryEventHandlerTest.class.getClassLoader())
        .fromJson(Files.readString(root.resolve("events/delivery-sns-ses-bounce.json")));
  }

  @Test
  void theSamplesBounceMarksTheAlertUndeliverable_andItsComplaintIsIgnored() throws Exception {
    String id = "O-20261123-7K3M9Q2X";
    String key = "alert#" + recipientHashOfSample();
    ledger.claim(id, key, Instant.now(), Duration.ofSeconds(60));
    ledger.markSent(id, key, "0100018f3a1b2c3d-bounce-000000", Instant.now());

    Map<String, Integer> outcome = handler.handleRequest(sample(), null);

    assertEquals(Map.of("recorded", 1, "ignored", 1), outcome);
    assertEquals("Bounce/Permanent", ledger.undeliverableReason(id, key));
    assertEquals(
        new SentLedger.Deliveries(Set.of(id), Set.of(id)),
        ledger.deliveriesAmong(List.of(id), "alert"));
  }

  @Test
  void anEmptyEventDoesNothing() {
    assertEquals(Map.of(), handler.handleRequest(new SNSEvent(), null));
  }

  private static String recipientHashOfSample() {
    return ca.relais.core.intake.ContentFingerprint.sha256("agente.rimouski-neigette@example.org");
  }
}
