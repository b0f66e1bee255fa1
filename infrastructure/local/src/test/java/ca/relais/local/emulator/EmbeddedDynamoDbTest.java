package ca.relais.local.emulator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Local in this JVM: tables, streams, one database for every credential and region. */
class EmbeddedDynamoDbTest {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDynamoDbTest.class);

  private static EmbeddedDynamoDb dynamoDb;
  private static DynamoDbClient dynamo;
  private static DynamoDbStreamsClient streams;

  @BeforeAll
  static void start() {
    long begin = System.nanoTime();
    dynamoDb = EmbeddedDynamoDb.start(Ports.freePort());
    LOG.info("DynamoDB Local start: {} ms", (System.nanoTime() - begin) / 1_000_000);
    dynamo = TestClients.client(DynamoDbClient.builder(), dynamoDb.endpoint());
    streams = TestClients.client(DynamoDbStreamsClient.builder(), dynamoDb.endpoint());
  }

  @AfterAll
  static void stop() {
    if (streams != null) {
      streams.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
    if (dynamoDb != null) {
      dynamoDb.close();
    }
  }

  @Test
  void aPutItemIsReadBackFromTheTablesStream() throws InterruptedException {
    String streamArn = createTable("Submissions", StreamViewType.NEW_AND_OLD_IMAGES);

    dynamo.putItem(
        b ->
            b.tableName("Submissions")
                .item(
                    Map.of(
                        "pk", AttributeValue.fromS("SUB1"),
                        "sk", AttributeValue.fromS("META"),
                        "mrc", AttributeValue.fromS("Rimouski-Neigette"))));

    List<Record> records = readStream(streamArn, 1, Duration.ofSeconds(10));
    assertEquals(1, records.size(), records.toString());
    Record insert = records.get(0);
    assertEquals(OperationType.INSERT, insert.eventName());
    assertEquals("SUB1", insert.dynamodb().keys().get("pk").s());
    assertEquals("Rimouski-Neigette", insert.dynamodb().newImage().get("mrc").s());
    assertTrue(insert.dynamodb().oldImage().isEmpty());
  }

  @Test
  void everyCredentialAndRegionSeesTheSameTables() {
    createTable("Shared", StreamViewType.KEYS_ONLY);
    try (DynamoDbClient other =
        TestClients.client(
            DynamoDbClient.builder(), dynamoDb.endpoint(), "anotherAccessKey", Region.US_EAST_1)) {
      assertTrue(other.listTables().tableNames().contains("Shared"));
    }
  }

  @Test
  void aSecondServerOnTheSamePortFailsClearly() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> EmbeddedDynamoDb.start(dynamoDb.port()));
    assertTrue(e.getMessage().contains("in use"), e.getMessage());
  }

  @Test
  void closeReleasesThePort() throws IOException {
    EmbeddedDynamoDb other = EmbeddedDynamoDb.start(0);
    int port = other.port();
    other.close();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, socket.getLocalPort());
    }
    assertDoesNotThrow(other::close, "closing twice");
  }

  private static String createTable(String name, StreamViewType view) {
    return dynamo
        .createTable(
            b ->
                b.tableName(name)
                    .attributeDefinitions(
                        AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build(),
                        AttributeDefinition.builder()
                            .attributeName("sk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(
                        KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build(),
                        KeySchemaElement.builder()
                            .attributeName("sk")
                            .keyType(KeyType.RANGE)
                            .build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(view)))
        .tableDescription()
        .latestStreamArn();
  }

  /** Reads every shard from its start until enough records came or the time is up. */
  private static List<Record> readStream(String streamArn, int wanted, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Record> records = new ArrayList<>();
    while (records.size() < wanted && System.nanoTime() < deadline) {
      records.clear();
      List<Shard> shards =
          streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
      for (Shard shard : shards) {
        String iterator =
            streams
                .getShardIterator(
                    b ->
                        b.streamArn(streamArn)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        records.addAll(streams.getRecords(b -> b.shardIterator(iterator)).records());
      }
      if (records.size() < wanted) {
        Thread.sleep(100);
      }
    }
    return records;
  }
}
