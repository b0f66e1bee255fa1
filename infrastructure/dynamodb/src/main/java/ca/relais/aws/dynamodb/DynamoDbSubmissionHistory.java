package ca.relais.aws.dynamodb;

import ca.relais.core.digest.SubmissionHistory;
import ca.relais.core.followup.Taken;
import ca.relais.core.model.Submission;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * One MRC's submissions over a time range: a paginated Query on the {@code ByMrcTime} index ({@code
 * gsi1pk = MRC#code}, {@code gsi1sk} between the two instants), which projects keys and technical
 * attributes only (no personal information is copied into the index); the submissions themselves
 * are then read from the table with {@code BatchGetItem}. The cost grows with the range read, never
 * with the table's history. Submissions past their retention (not yet deleted by the TTL) or whose
 * consent was withdrawn are left out.
 */
public final class DynamoDbSubmissionHistory implements SubmissionHistory {

  /** BatchGetItem takes at most 100 keys. */
  private static final int BATCH_GET_LIMIT = 100;

  private static final int MAX_BATCH_ATTEMPTS = 5;

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final Clock clock;

  public DynamoDbSubmissionHistory(DynamoDbClient dynamoDb, String tableName) {
    this(dynamoDb, tableName, Clock.systemUTC());
  }

  DynamoDbSubmissionHistory(DynamoDbClient dynamoDb, String tableName, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.clock = clock;
  }

  @Override
  public List<Submission> ofMrc(String mrcCode, Instant from, Instant to) {
    return ofMrcWithTaken(mrcCode, from, to).submissions();
  }

  /**
   * The follow-up ({@link DynamoDbFollowUps}) is kept on the submission's own item: who took each
   * submission is read with it, in the same batched gets.
   */
  @Override
  public Read ofMrcWithTaken(String mrcCode, Instant from, Instant to) {
    Instant now = clock.instant();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            r ->
                r.tableName(tableName)
                    .indexName(TableLayout.GSI_BY_MRC_TIME)
                    .keyConditionExpression("#pk = :mrc AND #sk BETWEEN :from AND :to")
                    .filterExpression("#expires > :now")
                    .expressionAttributeNames(
                        Map.of(
                            "#pk",
                            TableLayout.GSI1_PK,
                            "#sk",
                            TableLayout.GSI1_SK,
                            "#expires",
                            TableLayout.EXPIRES_AT))
                    .expressionAttributeValues(
                        Map.of(
                            ":mrc", AttributeValue.fromS(TableLayout.mrcPartition(mrcCode)),
                            // Instant.toString() varies in length: read one second wider, then
                            // filter exactly.
                            ":from", AttributeValue.fromS(from.minusSeconds(1).toString()),
                            ":to", AttributeValue.fromS(to.plusSeconds(1).toString()),
                            ":now", SubmissionItems.number(now.getEpochSecond()))))
        .items()
        .forEach(
            item -> {
              Instant receivedAt = Instant.parse(item.get("receivedAt").s());
              if (!receivedAt.isBefore(from) && receivedAt.isBefore(to)) {
                keys.add(
                    Map.of(
                        TableLayout.PK,
                        item.get(TableLayout.PK),
                        TableLayout.SK,
                        item.get(TableLayout.SK)));
              }
            });
    List<Submission> submissions = new ArrayList<>();
    Map<String, Taken> taken = new HashMap<>();
    for (int start = 0; start < keys.size(); start += BATCH_GET_LIMIT) {
      for (Map<String, AttributeValue> item :
          batchGet(keys.subList(start, Math.min(keys.size(), start + BATCH_GET_LIMIT)))) {
        if (!SubmissionItems.outOfUse(item, now)) {
          Submission submission = SubmissionItems.fromItem(item);
          submissions.add(submission);
          DynamoDbFollowUps.taken(item).ifPresent(t -> taken.put(submission.id(), t));
        }
      }
    }
    submissions.sort(Comparator.comparing(Submission::receivedAt).thenComparing(Submission::id));
    return new Read(submissions, Optional.of(taken));
  }

  /** The items of these keys, asking again for keys DynamoDB leaves unprocessed. */
  private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    Map<String, KeysAndAttributes> request =
        Map.of(tableName, KeysAndAttributes.builder().keys(keys).build());
    for (int attempt = 0; !request.isEmpty(); attempt++) {
      if (attempt == MAX_BATCH_ATTEMPTS) {
        throw new IllegalStateException(
            "DynamoDB left keys unprocessed after " + attempt + " attempts");
      }
      if (attempt > 0) {
        try {
          Thread.sleep(50L << attempt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading submissions", e);
        }
      }
      Map<String, KeysAndAttributes> pending = request;
      BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
      found.addAll(response.responses().getOrDefault(tableName, List.of()));
      request = response.unprocessedKeys();
    }
    return found;
  }
}
