package ca.relais.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.emulator.EmbeddedDynamoDb;
import ca.relais.local.emulator.EmbeddedSqs;
import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.DynamoDbStreamEvent;
import ca.relais.local.template.LocalProvisioner;
import ca.relais.local.template.LocalResources;
import ca.relais.local.template.SamTemplate;
import ca.relais.local.template.SqsEvent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local event source mappings on the real emulators, with the test template's settings. */
class EventSourcesIT {

  private static EmbeddedDynamoDb dynamo;
  private static EmbeddedSqs sqsServer;
  private static DynamoDbClient dynamoDb;
  private static DynamoDbStreamsClient streams;
  private static SqsClient sqs;
  private static SamTemplate template;
  private static LocalResources resources;

  @BeforeAll
  static void start() throws Exception {
    dynamo = EmbeddedDynamoDb.start(0);
    sqsServer = EmbeddedSqs.start(0, "ca-central-1");
    dynamoDb = client(DynamoDbClient.builder(), dynamo.endpoint());
    streams = client(DynamoDbStreamsClient.builder(), dynamo.endpoint());
    sqs = client(SqsClient.builder(), sqsServer.endpoint());
    template =
        SamTemplate.load(
            Path.of(EventSourcesIT.class.getResource("/template/pipeline.yaml").toURI()));
    resources = new LocalProvisioner(dynamoDb, sqs, "ca-central-1").provision(template);
  }

  @AfterAll
  static void stop() throws Exception {
    sqsServer.close();
    dynamo.close();
  }

  private static <
          B extends
              software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
                  & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>,
          C>
      C client(B builder, URI endpoint) {
    return builder
        .region(Region.CA_CENTRAL_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void provisionsTheTemplateAndResolvesItsIntrinsics() {
    Map<String, String> env = resources.environmentOf(template.functions().get("StreamFunction"));
    assertEquals("Table", env.get("TABLE"));
    assertEquals("arn:aws:dynamodb:ca-central-1:000000000000:table/Table", env.get("TABLE_ARN"));
    assertTrue(env.get("QUEUE_URL").endsWith("/Queue.fifo"), env.get("QUEUE_URL"));
    assertEquals("ca-central-1/Table/Queue.fifo", env.get("SUBBED"));
    assertEquals("a-test", env.get("JOINED"));
    assertEquals("test-value", env.get("CHOSEN"));
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                r -> r.queueUrl(resources.queueUrl("Queue")).attributeNames(QueueAttributeName.ALL))
            .attributes();
    assertEquals("true", attributes.get(QueueAttributeName.FIFO_QUEUE));
    assertEquals("2", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
    assertTrue(attributes.get(QueueAttributeName.REDRIVE_POLICY).contains("DeadLetters.fifo"));
    assertEquals(
        "expiresAt",
        dynamoDb
            .describeTimeToLive(r -> r.tableName("Table"))
            .timeToLiveDescription()
            .attributeName());
  }

  @Test
  void streamRecordsReachTheFunctionInOrder_filtered_andAFailedRecordHoldsBackTheOnesAfterIt()
      throws Exception {
    DynamoDbStreamEvent mapping =
        (DynamoDbStreamEvent) template.functions().get("StreamFunction").events().get(0);
    LocalFunction function =
        LocalFunction.load(
            "StreamFunction", RecordingStreamHandler.class.getName(), "handleRequest", 5);
    try (DynamoDbStreamPoller poller =
        new DynamoDbStreamPoller(
                streams, resources.streamArn("Table"), "ca-central-1", function, mapping, s -> {})
            .start()) {
      // As in the running stack, the first write comes after the poller is up: DynamoDB Local
      // creates a stream's first shard on the first write, and a DescribeStream racing it can
      // return a shard that never shows that write.
      Thread.sleep(1000);
      put("a", "KEEP", 0);
      put("skip", "DROP", 0);
      put("b", "KEEP", 2);
      put("c", "KEEP", 0);
      await(
          () -> RecordingStreamHandler.DELIVERED.size() >= 3,
          Duration.ofSeconds(20),
          "three stream records, got "
              + RecordingStreamHandler.DELIVERED
              + " attempts "
              + RecordingStreamHandler.ATTEMPTS
              + " batches "
              + RecordingStreamHandler.BATCH_SIZES);
      assertEquals(List.of("a", "b", "c"), RecordingStreamHandler.DELIVERED);
      assertEquals(3, RecordingStreamHandler.ATTEMPTS.get("b"), "b failed twice then succeeded");
      assertTrue(RecordingStreamHandler.BATCH_SIZES.stream().allMatch(n -> n <= 5));
    }
  }

  private static void put(String pk, String kind, int failTimes) {
    dynamoDb.putItem(
        r ->
            r.tableName("Table")
                .item(
                    Map.of(
                        "pk",
                        AttributeValue.fromS(pk),
                        "kind",
                        AttributeValue.fromS(kind),
                        "failTimes",
                        AttributeValue.fromN(String.valueOf(failTimes)))));
  }

  @Test
  void aPoisonMessageHoldsBackOnlyItsOwnGroup_andLandsInTheDeadLetterQueue() throws Exception {
    SqsEvent mapping = (SqsEvent) template.functions().get("QueueFunction").events().get(0);
    LocalFunction function =
        LocalFunction.load(
            "QueueFunction", RecordingSqsHandler.class.getName(), "handleRequest", 5);
    String url = resources.queueUrl("Queue");
    send(url, "100", "poison-1");
    send(url, "100", "after-poison");
    send(url, "200", "other-1");
    send(url, "200", "other-2");
    try (SqsPoller poller =
        new SqsPoller(sqs, url, resources.queueArn("Queue"), "ca-central-1", function, mapping)
            .start()) {
      await(
          () -> RecordingSqsHandler.DELIVERED.containsAll(List.of("200:other-1", "200:other-2")),
          Duration.ofSeconds(10),
          "group 200");
      assertTrue(
          RecordingSqsHandler.DELIVERED.indexOf("200:other-1")
              < RecordingSqsHandler.DELIVERED.indexOf("200:other-2"));
      await(
          () -> RecordingSqsHandler.DELIVERED.contains("100:after-poison"),
          Duration.ofSeconds(30),
          "group 100 after the poison message left");
      String dlq = resources.queueUrl("DeadLetters");
      await(
          () -> !sqs.receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(1)).messages().isEmpty(),
          Duration.ofSeconds(10),
          "the dead-letter queue");
      assertTrue(
          RecordingSqsHandler.RECEIVE_COUNTS.contains("poison-1#3"),
          RecordingSqsHandler.RECEIVE_COUNTS.toString());
    }
  }

  private static void send(String url, String group, String body) {
    sqs.sendMessage(
        r -> r.queueUrl(url).messageGroupId(group).messageDeduplicationId(body).messageBody(body));
  }
}
