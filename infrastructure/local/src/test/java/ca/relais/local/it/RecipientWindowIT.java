package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.dynamodb.DynamoDbSentLedger;
import ca.relais.core.notify.SentLedger;
import ca.relais.local.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ledger's recipient window on DynamoDB: one confirmation per address per 24 hours. */
class RecipientWindowIT {

  private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
  private static final Duration DAY = Duration.ofHours(24);

  @Test
  void theFirstSubmissionHoldsTheWindow_othersWaitADay_theHolderMayRetry() {
    LocalStack stack = SharedLocalStack.get();
    SentLedger ledger =
        new DynamoDbSentLedger(
            stack.dynamoDb(),
            stack.resources().tableName("RelaisTable"),
            SharedLocalStack.personKey());
    String recipient =
        SentLedger.recipientKeyOf(
            ledger.emailKey("confirmation", UUID.randomUUID() + "@example.org"));
    assertTrue(ledger.holdRecipientWindow("confirmation", recipient, "S-1", NOW, DAY));
    assertFalse(
        ledger.holdRecipientWindow("confirmation", recipient, "S-2", NOW.plusSeconds(60), DAY));
    assertTrue(
        ledger.holdRecipientWindow("confirmation", recipient, "S-1", NOW.plusSeconds(90), DAY),
        "a redelivery of the holder may send");
    assertFalse(
        ledger.holdRecipientWindow(
            "confirmation", recipient, "S-3", NOW.plus(DAY).minusSeconds(60), DAY));
    assertTrue(
        ledger.holdRecipientWindow(
            "confirmation", recipient, "S-4", NOW.plus(DAY).plusSeconds(30), DAY),
        "a day after the first confirmation (the redelivery did not move the window)");
    assertFalse(
        ledger.holdRecipientWindow(
            "confirmation", recipient, "S-1", NOW.plus(DAY).plusSeconds(40), DAY),
        "the window is S-4's now");
    assertTrue(
        ledger.holdRecipientWindow("alert", recipient, "S-5", NOW.plus(DAY).plusSeconds(50), DAY),
        "another kind has its own window");
  }
}
