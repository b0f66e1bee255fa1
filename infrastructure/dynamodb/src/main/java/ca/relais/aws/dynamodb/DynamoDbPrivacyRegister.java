package ca.relais.aws.dynamodb;

import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.privacy.PrivacyRegister;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The register of the person tool's uses in the Relais table: {@code pk = REGISTER}, {@code sk =
 * {at}#{random}}, kept {@link SubmissionSchema#REGISTER_RETENTION} by the TTL. Read by a Query on
 * the time range.
 */
public final class DynamoDbPrivacyRegister implements PrivacyRegister {

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public DynamoDbPrivacyRegister(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  @Override
  public void record(Entry entry) {
    dynamoDb.putItem(
        r ->
            r.tableName(tableName)
                .item(
                    Map.of(
                        TableLayout.PK,
                        AttributeValue.fromS(TableLayout.REGISTER),
                        TableLayout.SK,
                        AttributeValue.fromS(entry.at() + "#" + UUID.randomUUID()),
                        TableLayout.RECORD_TYPE,
                        AttributeValue.fromS(TableLayout.REGISTER),
                        "at",
                        AttributeValue.fromS(entry.at().toString()),
                        "operator",
                        AttributeValue.fromS(entry.operator()),
                        "action",
                        AttributeValue.fromS(entry.action()),
                        "subject",
                        AttributeValue.fromS(entry.subject()),
                        "records",
                        SubmissionItems.number(entry.records()),
                        TableLayout.EXPIRES_AT,
                        SubmissionItems.number(
                            entry
                                .at()
                                .plus(SubmissionSchema.REGISTER_RETENTION)
                                .getEpochSecond()))));
  }

  @Override
  public List<Entry> between(Instant from, Instant to) {
    List<Entry> entries = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            r ->
                r.tableName(tableName)
                    .consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.PK, "#sk", TableLayout.SK))
                    .expressionAttributeValues(
                        Map.of(
                            ":pk", AttributeValue.fromS(TableLayout.REGISTER),
                            ":from", AttributeValue.fromS(from.minusSeconds(1).toString()),
                            ":to", AttributeValue.fromS(to.plusSeconds(1).toString()))))
        .items()
        .forEach(
            item -> {
              Instant at = Instant.parse(item.get("at").s());
              if (!at.isBefore(from) && at.isBefore(to)) {
                entries.add(
                    new Entry(
                        at,
                        item.get("operator").s(),
                        item.get("action").s(),
                        item.get("subject").s(),
                        Integer.parseInt(item.get("records").n())));
              }
            });
    return entries;
  }
}
