package ca.relais.aws.dynamodb;

import ca.relais.core.notify.SentLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The sent-email ledger in the Relais table: {@code pk = SENT#{submissionId}}, {@code sk =
 * {kind}#{sha256(recipient)}}, state PENDING then SENT, kept 30 days (longer than any message stays
 * on the queue).
 */
public final class DynamoDbSentLedger implements SentLedger {

  static final Duration KEEP = Duration.ofDays(30);

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public DynamoDbSentLedger(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  @Override
  public Claim claim(String submissionId, String emailKey, Instant now, Duration staleAfter) {
    try {
      dynamoDb.putItem(
          r ->
              r.tableName(tableName)
                  .item(
                      Map.of(
                          TableLayout.PK,
                          AttributeValue.fromS(pk(submissionId)),
                          TableLayout.SK,
                          AttributeValue.fromS(emailKey),
                          TableLayout.RECORD_TYPE,
                          AttributeValue.fromS("SENT"),
                          "state",
                          AttributeValue.fromS("PENDING"),
                          "claimedAt",
                          SubmissionItems.number(now.getEpochSecond()),
                          TableLayout.EXPIRES_AT,
                          SubmissionItems.number(now.plus(KEEP).getEpochSecond())))
                  .conditionExpression(
                      "attribute_not_exists(#pk) OR (#state = :pending AND claimedAt < :stale)")
                  .expressionAttributeNames(Map.of("#pk", TableLayout.PK, "#state", "state"))
                  .expressionAttributeValues(
                      Map.of(
                          ":pending", AttributeValue.fromS("PENDING"),
                          ":stale",
                              SubmissionItems.number(now.minus(staleAfter).getEpochSecond()))));
      return Claim.CLAIMED;
    } catch (ConditionalCheckFailedException taken) {
      Map<String, AttributeValue> item =
          dynamoDb
              .getItem(
                  r -> r.tableName(tableName).consistentRead(true).key(key(submissionId, emailKey)))
              .item();
      return item != null && item.containsKey("state") && "SENT".equals(item.get("state").s())
          ? Claim.ALREADY_SENT
          : Claim.IN_FLIGHT;
    }
  }

  @Override
  public void markSent(String submissionId, String emailKey, String messageId, Instant now) {
    dynamoDb.updateItem(
        r ->
            r.tableName(tableName)
                .key(key(submissionId, emailKey))
                .updateExpression("SET #state = :sent, sentAt = :at, messageId = :id")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(
                    Map.of(
                        ":sent", AttributeValue.fromS("SENT"),
                        ":at", AttributeValue.fromS(now.toString()),
                        ":id", AttributeValue.fromS(messageId))));
  }

  @Override
  public void release(String submissionId, String emailKey) {
    try {
      dynamoDb.deleteItem(
          r ->
              r.tableName(tableName)
                  .key(key(submissionId, emailKey))
                  .conditionExpression("#state = :pending")
                  .expressionAttributeNames(Map.of("#state", "state"))
                  .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS("PENDING"))));
    } catch (ConditionalCheckFailedException alreadySent) {
      // nothing to give back
    }
  }

  @Override
  public boolean hasSent(String submissionId, String kind) {
    return dynamoDb
            .query(
                r ->
                    r.tableName(tableName)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :kind)")
                        .filterExpression("#state = :sent")
                        .expressionAttributeNames(
                            Map.of("#pk", TableLayout.PK, "#sk", TableLayout.SK, "#state", "state"))
                        .expressionAttributeValues(
                            Map.of(
                                ":pk", AttributeValue.fromS(pk(submissionId)),
                                ":kind", AttributeValue.fromS(kind + "#"),
                                ":sent", AttributeValue.fromS("SENT"))))
            .count()
        > 0;
  }

  private static String pk(String submissionId) {
    return "SENT#" + submissionId;
  }

  private static Map<String, AttributeValue> key(String submissionId, String emailKey) {
    return Map.of(
        TableLayout.PK,
        AttributeValue.fromS(pk(submissionId)),
        TableLayout.SK,
        AttributeValue.fromS(emailKey));
  }
}
