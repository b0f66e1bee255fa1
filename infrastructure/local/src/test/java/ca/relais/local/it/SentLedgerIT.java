package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.aws.dynamodb.DynamoDbSentLedger;
import ca.relais.core.notify.SentLedger;
import ca.relais.local.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sent ledger on DynamoDB: what the digest learns about delivered alerts, in batches. */
class SentLedgerIT {

  private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");

  @Test
  void deliveriesAmong_findsExactlyTheAlertsSentAndBounced_acrossSeveralBatches() {
    LocalStack stack = SharedLocalStack.get();
    SentLedger ledger =
        new DynamoDbSentLedger(
            stack.dynamoDb(),
            stack.resources().tableName("RelaisTable"),
            SharedLocalStack.personKey());
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> ids = new ArrayList<>();
    Set<String> alerted = new HashSet<>();
    for (int i = 0; i < 250; i++) { // more than two BatchGetItem calls of 100 keys
      String id = "O-LEDGER-" + run + "-" + i;
      ids.add(id);
      String alertKey = "alert#agent-" + (i % 3);
      if (i % 7 == 0) {
        // claimed, then the worker died before SES accepted: not delivered
        ledger.claim(id, alertKey, NOW, Duration.ofMinutes(1));
      } else if (i % 11 == 0) {
        // only the citizen's confirmation went out: the agents' alert did not
        ledger.claim(id, "confirmation#citizen", NOW, Duration.ofMinutes(1));
        ledger.markSent(id, "confirmation#citizen", "msg-c-" + i, NOW);
      } else {
        ledger.claim(id, alertKey, NOW, Duration.ofMinutes(1));
        ledger.markSent(id, alertKey, "msg-" + i, NOW);
        alerted.add(id);
      }
    }

    ledger.markUndeliverable(ids.get(1), "alert#agent-1", "Bounce/Permanent", NOW);

    SentLedger.Deliveries deliveries = ledger.deliveriesAmong(ids, "alert");
    assertEquals(alerted, deliveries.sent());
    assertEquals(Set.of(ids.get(1)), deliveries.undeliverable());
    assertEquals(
        new SentLedger.Deliveries(Set.of(), Set.of()), ledger.deliveriesAmong(List.of(), "alert"));
  }

  @Test
  void markSent_twiceForTwoRecipients_countsTheSubmissionOnce_andKeepsClaimsIndependent() {
    LocalStack stack = SharedLocalStack.get();
    SentLedger ledger =
        new DynamoDbSentLedger(
            stack.dynamoDb(),
            stack.resources().tableName("RelaisTable"),
            SharedLocalStack.personKey());
    String id = "O-LEDGER-" + UUID.randomUUID();
    ledger.claim(id, "alert#primary", NOW, Duration.ofMinutes(1));
    ledger.markSent(id, "alert#primary", "m1", NOW);
    ledger.claim(id, "alert#backup", NOW, Duration.ofMinutes(1));
    ledger.markSent(id, "alert#backup", "m2", NOW);

    assertEquals(Set.of(id), ledger.deliveriesAmong(List.of(id, id), "alert").sent());
    assertEquals(
        SentLedger.Claim.ALREADY_SENT,
        ledger.claim(id, "alert#primary", NOW.plusSeconds(3600), Duration.ofMinutes(1)));
    assertEquals(
        SentLedger.Claim.CLAIMED,
        ledger.claim(id, "alert#third", NOW.plusSeconds(3600), Duration.ofMinutes(1)));
  }

  @Test
  void anUndeliverableEmailIsNeverClaimedAgain_evenLongAfter() {
    LocalStack stack = SharedLocalStack.get();
    SentLedger ledger =
        new DynamoDbSentLedger(
            stack.dynamoDb(),
            stack.resources().tableName("RelaisTable"),
            SharedLocalStack.personKey());
    String id = "O-LEDGER-" + UUID.randomUUID();
    ledger.claim(id, "alert#primary", NOW, Duration.ofMinutes(1));
    ledger.markSent(id, "alert#primary", "m1", NOW);
    ledger.markUndeliverable(id, "alert#primary", "Bounce/Permanent", NOW.plusSeconds(60));

    assertEquals(
        SentLedger.Claim.ALREADY_SENT,
        ledger.claim(id, "alert#primary", NOW.plusSeconds(86_400), Duration.ofMinutes(1)));
    SentLedger.Deliveries deliveries = ledger.deliveriesAmong(List.of(id), "alert");
    assertEquals(Set.of(id), deliveries.sent());
    assertEquals(Set.of(id), deliveries.undeliverable());
  }

  @Test
  void eachFactTheDigestShows_readFromOneMarkerASubmission_whateverTheOrderOfEvents() {
    LocalStack stack = SharedLocalStack.get();
    String table = stack.resources().tableName("RelaisTable");
    SentLedger ledger =
        new DynamoDbSentLedger(stack.dynamoDb(), table, SharedLocalStack.personKey());
    String run = "O-FLAGS-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    // refused at sending (rendering failure): never went out
    ledger.claim(run + "refused", "alert#a", NOW, Duration.ofMinutes(1));
    ledger.markUndeliverable(run + "refused", "alert#a", "Render", NOW);
    // refused for one recipient, then sent to another: went out, and one bounced
    ledger.markUndeliverable(run + "refusedThenSent", "alert#a", "Render", NOW);
    ledger.claim(run + "refusedThenSent", "alert#b", NOW, Duration.ofMinutes(1));
    ledger.markSent(run + "refusedThenSent", "alert#b", "m", NOW.plusSeconds(1));
    // sent, then a transient bounce (out of office), then sent again to another recipient
    ledger.claim(run + "temporary", "alert#a", NOW, Duration.ofMinutes(1));
    ledger.markSent(run + "temporary", "alert#a", "m", NOW);
    ledger.markTemporarilyUndelivered(run + "temporary", "alert#a", "Bounce/Transient", NOW);
    ledger.claim(run + "temporary", "alert#b", NOW, Duration.ofMinutes(1));
    ledger.markSent(run + "temporary", "alert#b", "m", NOW.plusSeconds(2));
    // a marker as written before the flags (the ledger's put of {kind}: type and expiry): sent
    stack
        .dynamoDb()
        .putItem(
            r ->
                r.tableName(table)
                    .item(
                        java.util.Map.of(
                            "pk",
                            AttributeValue.fromS("SENT#" + run + "before"),
                            "sk",
                            AttributeValue.fromS("alert"),
                            "recordType",
                            AttributeValue.fromS("SENT"),
                            "expiresAt",
                            AttributeValue.fromN(
                                String.valueOf(NOW.plus(Duration.ofDays(30)).getEpochSecond())))));
    // a confirmation's bounce says nothing of the alert
    ledger.claim(run + "confirmationOnly", "confirmation#c", NOW, Duration.ofMinutes(1));
    ledger.markSent(run + "confirmationOnly", "confirmation#c", "m", NOW);
    ledger.markUndeliverable(run + "confirmationOnly", "confirmation#c", "Bounce/Permanent", NOW);

    SentLedger.Deliveries alerts =
        ledger.deliveriesAmong(
            List.of(
                run + "refused",
                run + "refusedThenSent",
                run + "temporary",
                run + "before",
                run + "confirmationOnly"),
            "alert");

    assertEquals(Set.of(run + "refusedThenSent", run + "temporary", run + "before"), alerts.sent());
    assertEquals(Set.of(run + "refused", run + "refusedThenSent"), alerts.undeliverable());
    assertEquals(Set.of(run + "temporary"), alerts.temporarilyUndelivered());
    assertEquals(
        SentLedger.Claim.ALREADY_SENT,
        ledger.claim(run + "refused", "alert#a", NOW.plusSeconds(86_400), Duration.ofMinutes(1)));
  }
}
