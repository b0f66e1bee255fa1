package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.dynamodb.DynamoDbSentLedger;
import ca.relais.core.digest.DigestWeek;
import ca.relais.core.notify.SentLedger;
import ca.relais.local.LocalStack;
import ca.relais.local.RepositoryRoot;
import ca.relais.local.emulator.SesInbox.CapturedEmail;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A bounced alert, end to end on the local stack: the alert is sent, SES reports a bounce (the
 * sample SNS event of {@code events/}, aimed at this submission), the delivery-events function
 * records it, the Monday digest lists the submission as refused, and a redelivered queue message
 * does not send to the bouncing address again. An out-of-office reply (a transient bounce) of
 * another alert is listed as temporary, to check, not as refused.
 */
class DeliveryEventsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aBouncedAlertIsRecorded_listedInTheDigest_andNeverSentAgain() throws Exception {
    LocalStack stack = SharedLocalStack.get();
    Api api = new Api(stack.gatewayEndpoint());
    String description = "Rebond " + UUID.randomUUID();
    HttpResponse<String> posted =
        api.postJson(
            "/observations",
            """
            {"mrc": "100", "category": "need", "description": "%s",
             "reporterEmail": "eclaireur.rebond@example.org"}
            """
                .formatted(description));
    assertEquals(201, posted.statusCode(), posted.body());
    String id = Api.json(posted).get("id").asText();
    List<CapturedEmail> alerts = NotifyIT.awaitEmails(id, 2);
    assertEquals(2, alerts.size());

    String bouncing = "backup.100@test.example.org";
    String response = stack.invoke("DeliveryEventsFunction", bounceOf(id, bouncing, "Permanent"));
    assertEquals(1, JSON.readTree(response).path("recorded").asInt(), response);

    // A second alert of the week, whose agent is out of office: a transient bounce.
    HttpResponse<String> second =
        api.postJson(
            "/observations",
            """
            {"mrc": "100", "category": "need", "description": "Absence %s",
             "reporterEmail": "eclaireur.absence@example.org"}
            """
                .formatted(UUID.randomUUID()));
    assertEquals(201, second.statusCode(), second.body());
    String away = Api.json(second).get("id").asText();
    NotifyIT.awaitEmails(away, 2);
    String outOfOffice =
        stack.invoke(
            "DeliveryEventsFunction", bounceOf(away, "agente.100@test.example.org", "Transient"));
    assertEquals(1, JSON.readTree(outOfOffice).path("recorded_temporary").asInt(), outOfOffice);

    String table = stack.resources().tableName("RelaisTable");
    SentLedger.Deliveries deliveries =
        new DynamoDbSentLedger(stack.dynamoDb(), table, SharedLocalStack.personKey())
            .deliveriesAmong(List.of(id, away), "alert");
    assertEquals(Set.of(id), deliveries.undeliverable());
    assertEquals(Set.of(away), deliveries.temporarilyUndelivered());
    assertEquals(Set.of(id, away), deliveries.sent());

    // The week the submission arrived in (not ended yet): its preview.
    String week = DigestWeek.previous(Instant.now().plus(Duration.ofDays(7))).toString();
    HttpResponse<String> digest =
        api.post(
            "/_local/schedules/DigestFunction?week=" + week + "&preview=true", null, new byte[0]);
    assertEquals(200, digest.statusCode(), digest.body());
    CapturedEmail anne =
        stack.inbox().emails().stream()
            .filter(
                e -> e.subject().contains(week) && e.to().contains("agente.100@test.example.org"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no digest of " + week));
    assertTrue(
        anne.text().contains(id) && anne.text().contains("alerte refusée par le serveur"),
        anne.text());
    String awayLine =
        anne.text()
            .lines()
            // its line in the "did not reach the agents" list (it is also in the untaken list)
            .filter(line -> line.contains("- " + away + " ·") && line.contains("refus"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(anne.text()));
    assertTrue(awayLine.contains("refus temporaire") && awayLine.contains("à vérifier"), awayLine);
    assertTrue(!awayLine.contains("refusée"), awayLine);

    // The notify function gets the message again (a redelivery): nothing goes to the bounced
    // address, nor to the agent who already has it.
    long alertsBefore = alertsOf(stack, id);
    String redelivery =
        Files.readString(RepositoryRoot.path().resolve("events/notify-sqs-alerts.json"))
            .replace("O-20261123-7K3M9Q2X", id);
    String batch = stack.invoke("NotifyFunction", redelivery);
    // this submission's message succeeds (nothing left to send); the sample's other one names a
    // submission that does not exist here: set aside in the dead-letter queue
    assertTrue(!batch.contains("059f36b4-87a3-44ab-83d2-661975830a7d"), batch);
    assertEquals(2, alertsBefore);
    assertEquals(alertsBefore, alertsOf(stack, id));
  }

  private static long alertsOf(LocalStack stack, String id) {
    return stack.inbox().emails().stream().filter(e -> e.subject().contains(id)).count();
  }

  /**
   * The sample SNS event, its bounce (of the given SES bounce type) aimed at one recipient of this
   * submission's alert.
   */
  private static String bounceOf(String submissionId, String recipient, String bounceType)
      throws Exception {
    JsonNode sample =
        JSON.readTree(
            RepositoryRoot.path().resolve("events/delivery-sns-ses-bounce.json").toFile());
    ObjectNode record = (ObjectNode) sample.path("Records").path(0);
    ObjectNode sns = (ObjectNode) record.path("Sns");
    ObjectNode message = (ObjectNode) JSON.readTree(sns.path("Message").asText());
    ((ObjectNode) message.path("bounce")).put("bounceType", bounceType);
    ObjectNode tags = (ObjectNode) message.path("mail").path("tags");
    tags.putArray("relais-submission").add(submissionId);
    tags.putArray("relais-recipient").add(SharedLocalStack.personKey().of(recipient));
    sns.put("Message", JSON.writeValueAsString(message));
    ObjectNode event = JSON.createObjectNode();
    event.putArray("Records").add(record);
    return JSON.writeValueAsString(event);
  }
}
