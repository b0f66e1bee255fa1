package ca.relais.local.events;

import static ca.relais.local.events.Emulators.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.emulator.EmbeddedDynamoDb;
import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.DynamoDbStreamEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The stream event source mapping on DynamoDB Local, with a recording test function. */
class DynamoDbStreamPollerTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EmbeddedDynamoDb dynamo;
  private static DynamoDbClient dynamoDb;
  private static DynamoDbStreamsClient streams;
  private static LocalFunction function;

  private String table;
  private String streamArn;

  @BeforeAll
  static void startDynamoDbLocal() {
    dynamo = EmbeddedDynamoDb.start(0);
    dynamoDb = Emulators.client(DynamoDbClient.builder(), dynamo.endpoint());
    streams = Emulators.client(DynamoDbStreamsClient.builder(), dynamo.endpoint());
    function =
        LocalFunction.load(
            "StreamFunction", RecordingStreamHandler.class.getName(), "handleRequest", 5);
  }

  @AfterAll
  static void stopDynamoDbLocal() {
    dynamo.close();
  }

  @BeforeEach
  void newTable() {
    RecordingStreamHandler.reset();
    table = "events-" + TABLES.incrementAndGet();
    streamArn =
        dynamoDb
            .createTable(
                r ->
                    r.tableName(table)
                        .attributeDefinitions(
                            AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .keySchema(
                            KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(
                            s ->
                                s.streamEnabled(true)
                                    .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
            .tableDescription()
            .latestStreamArn();
  }

  private static DynamoDbStreamEvent mapping(
      int batchSize,
      String startingPosition,
      boolean reportBatchItemFailures,
      int maximumRetryAttempts,
      boolean bisect,
      List<Map<String, Object>> filterPatterns) {
    return new DynamoDbStreamEvent(
        "Stream",
        "Table",
        batchSize,
        startingPosition,
        reportBatchItemFailures,
        maximumRetryAttempts,
        bisect,
        filterPatterns,
        0,
        Optional.empty());
  }

  private void put(String pk, String kind, String marker, int times) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS(pk));
    item.put("kind", AttributeValue.fromS(kind));
    if (marker != null) {
      item.put(marker, AttributeValue.fromN(String.valueOf(times)));
    }
    dynamoDb.putItem(r -> r.tableName(table).item(item));
  }

  private void put(String pk) {
    put(pk, "KEEP", null, 0);
  }

  @Test
  void recordsReachTheFunctionInOrder_inBatchesOfAtMostBatchSize_asLambdaBuildsThem()
      throws Exception {
    for (int i = 0; i < 7; i++) {
      put("r" + i);
    }
    try (DynamoDbStreamPoller poller =
        new DynamoDbStreamPoller(
                streams,
                streamArn,
                table,
                function,
                mapping(3, "TRIM_HORIZON", false, -1, false, List.of()))
            .start()) {
      for (int i = 7; i < 10; i++) {
        put("r" + i);
      }
      await(
          () -> RecordingStreamHandler.DELIVERED.size() >= 10,
          WAIT,
          () -> "ten records, got " + RecordingStreamHandler.DELIVERED);
    }
    assertEquals(
        List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"),
        RecordingStreamHandler.DELIVERED);
    assertTrue(
        RecordingStreamHandler.BATCHES.stream().allMatch(b -> b.size() <= 3),
        RecordingStreamHandler.BATCHES.toString());
    DynamodbEvent.DynamodbStreamRecord first = RecordingStreamHandler.RECEIVED.get(0);
    assertEquals("INSERT", first.getEventName());
    assertEquals("aws:dynamodb", first.getEventSource());
    assertEquals("1.1", first.getEventVersion());
    assertEquals("ca-central-1", first.getAwsRegion());
    assertEquals(streamArn, first.getEventSourceARN());
    assertNotNull(first.getEventID());
    assertEquals("r0", first.getDynamodb().getKeys().get("pk").getS());
    assertEquals("KEEP", first.getDynamodb().getNewImage().get("kind").getS());
    assertNotNull(first.getDynamodb().getSequenceNumber());
    assertNotNull(first.getDynamodb().getApproximateCreationDateTime());
    assertTrue(first.getDynamodb().getSizeBytes() > 0);
    assertEquals("NEW_AND_OLD_IMAGES", first.getDynamodb().getStreamViewType());
  }

  @Test
  void filterPatternsDropTheRecordsThatDoNotMatch() throws Exception {
    List<Map<String, Object>> insertsOfKeep =
        List.of(
            Map.of(
                "eventName",
                List.of("INSERT"),
                "dynamodb",
                Map.of("NewImage", Map.of("kind", Map.of("S", List.of("KEEP"))))));
    put("a", "KEEP", null, 0);
    put("b", "DROP", null, 0);
    put("a", "KEEP", "changed", 1); // MODIFY
    dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("b"))));
    put("c", "KEEP", null, 0);
    try (DynamoDbStreamPoller poller =
        new DynamoDbStreamPoller(
                streams,
                streamArn,
                table,
                function,
                mapping(10, "TRIM_HORIZON", true, -1, false, insertsOfKeep))
            .start()) {
      put("z");
      await(
          () -> RecordingStreamHandler.DELIVERED.contains("z"),
          WAIT,
          () -> "the last record, got " + RecordingStreamHandler.DELIVERED);
    }
    assertEquals(List.of("a", "c", "z"), RecordingStreamHandler.DELIVERED);
    assertTrue(
        RecordingStreamHandler.RECEIVED.stream().allMatch(r -> r.getEventName().equals("INSERT")),
        "only INSERT records reach the function");
    assertFalse(RecordingStreamHandler.BATCHES.stream().anyMatch(b -> b.contains("b")));
  }

  @Test
  void aReportedItemFailureIsRetriedFromThatRecord_andTheRecordsAfterItWait() throws Exception {
    put("a");
    put("b", "KEEP", "failTimes", 2);
    put("c");
    try (DynamoDbStreamPoller poller =
        new DynamoDbStreamPoller(
                streams,
                streamArn,
                table,
                function,
                mapping(10, "TRIM_HORIZON", true, -1, false, List.of()))
            .start()) {
      await(
          () -> RecordingStreamHandler.DELIVERED.contains("c"),
          WAIT,
          () -> "c, got " + RecordingStreamHandler.DELIVERED);
    }
    assertEquals(List.of("a", "b", "c"), RecordingStreamHandler.DELIVERED);
    assertEquals(1, RecordingStreamHandler.ATTEMPTS.get("a"), "a is not sent again");
    assertEquals(3, RecordingStreamHandler.ATTEMPTS.get("b"), "b failed twice, then succeeded");
    assertEquals(
        List.of(List.of("a", "b", "c"), List.of("b", "c"), List.of("b", "c")),
        RecordingStreamHandler.BATCHES,
        "each retry starts at the failed record, with the records after it");
  }

  @Test
  void aFunctionErrorIsBisected_thenAPoisonRecordIsGivenUpAfterMaximumRetryAttempts()
      throws Exception {
    put("a");
    put("p", "KEEP", "throwTimes", 99);
    put("c");
    put("d");
    List<String> failures = new CopyOnWriteArrayList<>();
    try (DynamoDbStreamPoller poller =
        new DynamoDbStreamPoller(
                streams,
                streamArn,
                "ca-central-1",
                function,
                mapping(10, "TRIM_HORIZON", false, 1, true, List.of()),
                failures::add)
            .start()) {
      await(
          () -> RecordingStreamHandler.DELIVERED.contains("d"),
          WAIT,
          () -> "d, got " + RecordingStreamHandler.DELIVERED);
    }
    assertEquals(List.of("a", "c", "d"), RecordingStreamHandler.DELIVERED);
    assertEquals(
        List.of(
            List.of("a", "p", "c", "d"),
            List.of("a", "p"),
            List.of("a"),
            List.of("p", "c", "d"),
            List.of("p", "c"),
            List.of("p"),
            List.of("p"),
            List.of("c", "d")),
        RecordingStreamHandler.BATCHES,
        "halves until the poison record is alone, then one retry, then the rest");
    assertEquals(1, failures.size());
    JsonNode failure = JSON.readTree(failures.get(0));
    assertEquals("RetryAttemptsExhausted", failure.at("/requestContext/condition").asText());
    assertEquals(streamArn, failure.at("/DDBStreamBatchInfo/streamArn").asText());
    assertTrue(failure.at("/DDBStreamBatchInfo/shardId").asText().startsWith("shardId-"));
    String poisonSequence =
        RecordingStreamHandler.RECEIVED.stream()
            .filter(r -> r.getDynamodb().getKeys().get("pk").getS().equals("p"))
            .findFirst()
            .orElseThrow()
            .getDynamodb()
            .getSequenceNumber();
    assertEquals(poisonSequence, failure.at("/DDBStreamBatchInfo/startSequenceNumber").asText());
    assertFalse(failures.get(0).contains("throwTimes"), "no record contents in the failure record");
  }

  @Test
  void latestDeliversOnlyWhatIsWrittenAfterStart() throws Exception {
    put("before-1");
    put("before-2");
    try (DynamoDbStreamPoller poller =
        new DynamoDbStreamPoller(
                streams,
                streamArn,
                table,
                function,
                mapping(10, "LATEST", false, -1, false, List.of()))
            .start()) {
      put("after");
      await(
          () -> RecordingStreamHandler.DELIVERED.contains("after"),
          WAIT,
          () -> "the record written after start, got " + RecordingStreamHandler.DELIVERED);
    }
    assertEquals(List.of("after"), RecordingStreamHandler.DELIVERED);
  }

  @Test
  void closeReturnsPromptlyWhenIdle() throws Exception {
    DynamoDbStreamPoller poller =
        new DynamoDbStreamPoller(
                streams,
                streamArn,
                table,
                function,
                mapping(10, "TRIM_HORIZON", false, -1, false, List.of()))
            .start();
    Thread.sleep(300);
    long begin = System.nanoTime();
    poller.close();
    long millis = (System.nanoTime() - begin) / 1_000_000;
    assertTrue(millis < 2_000, "closed in " + millis + " ms");
  }
}
