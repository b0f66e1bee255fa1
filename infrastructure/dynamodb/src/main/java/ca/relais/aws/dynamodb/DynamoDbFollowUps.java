package ca.relais.aws.dynamodb;

import ca.relais.core.followup.AlertRound;
import ca.relais.core.followup.FollowUp;
import ca.relais.core.followup.FollowUps;
import ca.relais.core.followup.Taken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The follow-up of a submission, kept on its own item ({@code pk = SUB#{id}}, {@code sk =
 * SUBMISSION}) in attributes that only this class writes:
 *
 * <pre>
 * alertRounds   L of M {level S, to L of S, at S}   first alert, then each escalation
 * lastLevel     S                                    level of the last round
 * takenAt       S (ISO instant), takenBy S, takenByEmail S
 * openPk, dueSk S                                    keys of the sparse index OpenByDue: present
 *                                                    only while an escalation is due ("OPEN",
 *                                                    {epoch millis, 13 digits}#{id})
 * </pre>
 *
 * Every change is one conditional {@code UpdateItem}: a taken report is never escalated again, and
 * two overlapping escalation runs cannot both record a level.
 */
public final class DynamoDbFollowUps implements FollowUps {

  /** The sparse index of untaken reports by due time (see {@code template.yaml}). */
  public static final String GSI_OPEN_BY_DUE = "OpenByDue";

  static final String OPEN_PK = "openPk";
  static final String DUE_SK = "dueSk";
  static final String OPEN = "OPEN";
  private static final int BATCH_GET_LIMIT = 100;
  private static final int MAX_BATCH_ATTEMPTS = 5;

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public DynamoDbFollowUps(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  @Override
  public void open(String submissionId, AlertRound first, Optional<Instant> dueAt) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":rounds", AttributeValue.fromL(List.of(round(first))));
    values.put(":level", AttributeValue.fromS(first.level().name()));
    String set = "SET alertRounds = :rounds, lastLevel = :level";
    if (dueAt.isPresent()) {
      set += ", " + OPEN_PK + " = :open, " + DUE_SK + " = :due";
      values.put(":open", AttributeValue.fromS(OPEN));
      values.put(":due", AttributeValue.fromS(dueSk(dueAt.get(), submissionId)));
    }
    String update = set;
    try {
      dynamoDb.updateItem(
          r ->
              r.tableName(tableName)
                  .key(key(submissionId))
                  .updateExpression(update)
                  .conditionExpression(
                      "attribute_exists(pk) AND attribute_not_exists(alertRounds)"
                          + " AND attribute_not_exists(takenAt)")
                  .expressionAttributeValues(values));
    } catch (ConditionalCheckFailedException alreadyOpenOrTaken) {
      // a redelivered message, or someone took it before the last alert went out
    }
  }

  @Override
  public Optional<FollowUp> find(String submissionId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(tableName)
                        .key(key(submissionId))
                        .consistentRead(true)
                        .projectionExpression(
                            "pk, alertRounds, takenAt, takenBy, takenByEmail, " + DUE_SK))
            .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    List<AlertRound> rounds = new ArrayList<>();
    if (item.containsKey("alertRounds")) {
      for (AttributeValue r : item.get("alertRounds").l()) {
        Map<String, AttributeValue> m = r.m();
        rounds.add(
            new AlertRound(
                AlertRound.Level.valueOf(m.get("level").s()),
                m.get("to").l().stream().map(AttributeValue::s).toList(),
                Instant.parse(m.get("at").s())));
      }
    }
    Optional<Instant> due =
        Optional.ofNullable(item.get(DUE_SK))
            .map(AttributeValue::s)
            .map(s -> Instant.ofEpochMilli(Long.parseLong(s.substring(0, s.indexOf('#')))));
    return Optional.of(new FollowUp(submissionId, rounds, taken(item), due));
  }

  @Override
  public Optional<Taking> take(String submissionId, Taken taken) {
    try {
      dynamoDb.updateItem(
          r ->
              r.tableName(tableName)
                  .key(key(submissionId))
                  .updateExpression(
                      "SET takenAt = :at, takenBy = :by, takenByEmail = :email REMOVE "
                          + OPEN_PK
                          + ", "
                          + DUE_SK)
                  .conditionExpression("attribute_exists(pk) AND attribute_not_exists(takenAt)")
                  .expressionAttributeValues(
                      Map.of(
                          ":at", AttributeValue.fromS(taken.at().toString()),
                          ":by", AttributeValue.fromS(taken.byName()),
                          ":email", AttributeValue.fromS(taken.byEmail()))));
      return Optional.of(new Taking(taken, true));
    } catch (ConditionalCheckFailedException missingOrTaken) {
      return find(submissionId).flatMap(FollowUp::taken).map(earlier -> new Taking(earlier, false));
    }
  }

  @Override
  public List<String> due(Instant now, int limit) {
    List<String> ids = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            r ->
                r.tableName(tableName)
                    .indexName(GSI_OPEN_BY_DUE)
                    .keyConditionExpression("#pk = :open AND #sk <= :now")
                    .expressionAttributeNames(Map.of("#pk", OPEN_PK, "#sk", DUE_SK))
                    .expressionAttributeValues(
                        Map.of(
                            ":open",
                            AttributeValue.fromS(OPEN),
                            ":now",
                            // '~' sorts after every character of an id
                            AttributeValue.fromS(millis(now) + "#~")))
                    .limit(limit))
        .items()
        .stream()
        .limit(limit)
        .forEach(item -> ids.add(item.get(TableLayout.PK).s().substring("SUB#".length())));
    return ids;
  }

  @Override
  public boolean escalate(
      String submissionId, AlertRound.Level after, AlertRound round, Optional<Instant> nextDue) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":round", AttributeValue.fromL(List.of(round(round))));
    values.put(":after", AttributeValue.fromS(after.name()));
    values.put(":level", AttributeValue.fromS(round.level().name()));
    String update =
        "SET alertRounds = list_append(alertRounds, :round), lastLevel = :level"
            + nextDue
                .map(
                    due -> {
                      values.put(":due", AttributeValue.fromS(dueSk(due, submissionId)));
                      return ", " + DUE_SK + " = :due";
                    })
                .orElse(" REMOVE " + OPEN_PK + ", " + DUE_SK);
    try {
      dynamoDb.updateItem(
          r ->
              r.tableName(tableName)
                  .key(key(submissionId))
                  .updateExpression(update)
                  .conditionExpression("attribute_not_exists(takenAt) AND lastLevel = :after")
                  .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException takenOrAlreadyEscalated) {
      return false;
    }
  }

  @Override
  public void close(String submissionId) {
    try {
      dynamoDb.updateItem(
          r ->
              r.tableName(tableName)
                  .key(key(submissionId))
                  .updateExpression("REMOVE " + OPEN_PK + ", " + DUE_SK)
                  .conditionExpression("attribute_exists(pk)"));
    } catch (ConditionalCheckFailedException gone) {
      // deleted by its retention: nothing to close
    }
  }

  @Override
  public Map<String, Taken> takenAmong(Collection<String> submissionIds) {
    Map<String, Taken> taken = new HashMap<>();
    List<String> ids = new ArrayList<>(new java.util.LinkedHashSet<>(submissionIds));
    for (int start = 0; start < ids.size(); start += BATCH_GET_LIMIT) {
      List<Map<String, AttributeValue>> keys =
          ids.subList(start, Math.min(ids.size(), start + BATCH_GET_LIMIT)).stream()
              .map(DynamoDbFollowUps::key)
              .toList();
      Map<String, KeysAndAttributes> request =
          Map.of(
              tableName,
              KeysAndAttributes.builder()
                  .keys(keys)
                  .projectionExpression("pk, takenAt, takenBy, takenByEmail")
                  .build());
      for (int attempt = 0; !request.isEmpty(); attempt++) {
        if (attempt == MAX_BATCH_ATTEMPTS) {
          throw new IllegalStateException("DynamoDB kept keys unprocessed; the run fails");
        }
        Map<String, KeysAndAttributes> ask = request;
        BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(ask));
        for (Map<String, AttributeValue> item :
            response.responses().getOrDefault(tableName, List.of())) {
          String id = item.get(TableLayout.PK).s().substring("SUB#".length());
          taken(item).ifPresent(t -> taken.put(id, t));
        }
        request = response.unprocessedKeys();
      }
    }
    return taken;
  }

  /** Who took the submission of this item (its follow-up attributes), if anyone. */
  static Optional<Taken> taken(Map<String, AttributeValue> item) {
    if (!item.containsKey("takenAt")) {
      return Optional.empty();
    }
    return Optional.of(
        new Taken(
            Optional.ofNullable(item.get("takenBy")).map(AttributeValue::s).orElse(""),
            Optional.ofNullable(item.get("takenByEmail")).map(AttributeValue::s).orElse(""),
            Instant.parse(item.get("takenAt").s())));
  }

  private static AttributeValue round(AlertRound round) {
    return AttributeValue.fromM(
        Map.of(
            "level", AttributeValue.fromS(round.level().name()),
            "to",
                AttributeValue.fromL(
                    round.recipients().stream().map(AttributeValue::fromS).toList()),
            "at", AttributeValue.fromS(round.at().toString())));
  }

  static String dueSk(Instant due, String submissionId) {
    return millis(due) + "#" + submissionId;
  }

  private static String millis(Instant instant) {
    return String.format("%013d", instant.toEpochMilli());
  }

  private static Map<String, AttributeValue> key(String submissionId) {
    return Map.of(
        TableLayout.PK,
        AttributeValue.fromS(TableLayout.submissionPk(submissionId)),
        TableLayout.SK,
        AttributeValue.fromS(TableLayout.SUBMISSION));
  }
}
