package ca.relais.local;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Brings a freshly started DynamoDB Local to the speed of a long-running service before a benchmark
 * times what calls it. DynamoDB Local is a Java program: just started, its own code for a
 * transaction runs interpreted, and a call costs two to three times what it costs once the
 * emulator's JIT has compiled it (measured here: a transaction, a put and a consistent get, 19 ms
 * together over the first 200 calls, 7.4 ms from about 2,400 on). DynamoDB in AWS is always warm,
 * so without this a cold-start benchmark would charge the emulator's own warm-up to whichever
 * function writes the most, and the more so the bigger its transaction.
 *
 * <p>The calls go to a scratch table of their own (key {@code PK}/{@code SK}, one index, a stream:
 * the code paths of the application table's writes), never to the application table: nothing a
 * function reads is changed.
 */
public final class EmulatorWarmUp {

  /** Calls of each operation by default: past the point where the emulator's cost stops falling. */
  public static final int DEFAULT_CALLS = 3000;

  static final String TABLE = "bench-emulator-warm-up";

  private static final int STEP = 200;

  private EmulatorWarmUp() {}

  /**
   * Makes {@code calls} calls of each operation intake makes (a conditional transaction of three
   * puts, every tenth one refused as a duplicate; a put; a consistent get) on the scratch table.
   *
   * @param calls how many of each, at least 1
   * @return one line for the benchmark's output: the calls made and the mean cost of one round of
   *     the three operations in the first and the last {@value #STEP} calls, in ms
   */
  public static String run(DynamoDbClient dynamoDb, int calls) {
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be at least 1, not " + calls);
    }
    createTable(dynamoDb);
    double first = 0;
    double last = 0;
    for (int done = 0; done < calls; ) {
      int step = Math.min(STEP, calls - done);
      long start = System.nanoTime();
      for (int i = 0; i < step; i++) {
        round(dynamoDb, done + i);
      }
      double mean = (System.nanoTime() - start) / 1e6 / step;
      if (done == 0) {
        first = mean;
      }
      last = mean;
      done += step;
    }
    return String.format(
        "DynamoDB Local warmed: %d calls of each operation; a transaction, a put and a get:"
            + " %.1f ms at first, %.1f ms at the end",
        calls, first, last);
  }

  private static void round(DynamoDbClient dynamoDb, int n) {
    // every tenth transaction writes an item that exists: refused, as a duplicate post is
    String id = n % 10 == 9 ? "S#" + (n - 1) : "S#" + n;
    try {
      dynamoDb.transactWriteItems(
          request ->
              request.transactItems(
                  List.of(
                      put(id, "SUBMISSION", "signup"),
                      put("GUARD#" + id, "GUARD", "guard"),
                      put("PERSON#" + n, id, "person"))));
    } catch (TransactionCanceledException refused) {
      // the duplicate: expected
    }
    dynamoDb.putItem(
        request -> request.tableName(TABLE).item(item("MARKER#" + n, "MARKER", "marker")));
    dynamoDb.getItem(
        request ->
            request
                .tableName(TABLE)
                .key(Map.of("PK", s(id), "SK", s("SUBMISSION")))
                .consistentRead(true));
  }

  private static TransactWriteItem put(String pk, String sk, String kind) {
    return TransactWriteItem.builder()
        .put(
            put ->
                put.tableName(TABLE)
                    .item(item(pk, sk, kind))
                    .conditionExpression("attribute_not_exists(PK)"))
        .build();
  }

  private static Map<String, AttributeValue> item(String pk, String sk, String kind) {
    return Map.of(
        "PK", s(pk),
        "SK", s(sk),
        "GSI1PK", s(kind),
        "GSI1SK", s(pk),
        "text", s("warm-up item of the benchmark, never read by a function"));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static void createTable(DynamoDbClient dynamoDb) {
    if (dynamoDb.listTables().tableNames().contains(TABLE)) {
      return;
    }
    dynamoDb.createTable(
        request ->
            request
                .tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName("PK").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("SK").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("GSI1PK").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("GSI1SK").attributeType(ScalarAttributeType.S))
                .keySchema(
                    k -> k.attributeName("PK").keyType(KeyType.HASH),
                    k -> k.attributeName("SK").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(
                    index ->
                        index
                            .indexName("GSI1")
                            .keySchema(
                                k -> k.attributeName("GSI1PK").keyType(KeyType.HASH),
                                k -> k.attributeName("GSI1SK").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                .streamSpecification(
                    stream -> stream.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
  }
}
