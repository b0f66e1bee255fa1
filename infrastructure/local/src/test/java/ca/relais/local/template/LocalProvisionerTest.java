package ca.relais.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.emulator.EmbeddedDynamoDb;
import ca.relais.local.emulator.EmbeddedSqs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The test template and the project's template provisioned on DynamoDB Local and ElasticMQ.
 * (ElasticMQ accepts MessageRetentionPeriod but neither keeps nor reports it: not checked here.)
 */
class LocalProvisionerTest {

  private static final String REGION = "ca-central-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EmbeddedDynamoDb dynamoServer;
  private static EmbeddedSqs sqsServer;
  private static DynamoDbClient dynamoDb;
  private static SqsClient sqs;
  private static LocalResources pipeline;

  @BeforeAll
  static void start() throws Exception {
    dynamoServer = EmbeddedDynamoDb.start(freePort());
    sqsServer = EmbeddedSqs.start(freePort(), REGION);
    dynamoDb =
        DynamoDbClient.builder()
            .region(Region.of(REGION))
            .credentialsProvider(credentials())
            .endpointOverride(dynamoServer.endpoint())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    sqs =
        SqsClient.builder()
            .region(Region.of(REGION))
            .credentialsProvider(credentials())
            .endpointOverride(sqsServer.endpoint())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    pipeline =
        new LocalProvisioner(dynamoDb, sqs, REGION, Map.of()).provision(SamTemplateTest.PIPELINE);
  }

  @AfterAll
  static void stop() throws Exception {
    if (sqs != null) {
      sqs.close();
    }
    if (dynamoDb != null) {
      dynamoDb.close();
    }
    if (sqsServer != null) {
      sqsServer.close();
    }
    if (dynamoServer != null) {
      dynamoServer.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
  }

  private static TableDescription table(String name) {
    return dynamoDb.describeTable(r -> r.tableName(name)).table();
  }

  private static Map<QueueAttributeName, String> attributes(String url) {
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
        .attributes();
  }

  private static JsonNode redrivePolicy(String url) throws IOException {
    String policy = attributes(url).get(QueueAttributeName.REDRIVE_POLICY);
    assertNotNull(policy, "RedrivePolicy of " + url);
    return JSON.readTree(policy);
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  @Test
  void tableWithItsKeyStreamAndTimeToLive() {
    TableDescription table = table("Table");
    assertEquals(List.of(key("pk", KeyType.HASH)), table.keySchema());
    assertTrue(table.streamSpecification().streamEnabled());
    assertEquals(StreamViewType.NEW_IMAGE, table.streamSpecification().streamViewType());
    assertEquals(table.latestStreamArn(), pipeline.streamArn("Table"));
    TimeToLiveDescription ttl =
        dynamoDb.describeTimeToLive(r -> r.tableName("Table")).timeToLiveDescription();
    assertEquals("expiresAt", ttl.attributeName());
    assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
  }

  @Test
  void tableNamedByAnExpression_provisionedWithIncludeIndexAndLocalIndex() {
    assertEquals("relais-local-indexed", pipeline.tableName("Indexed"));
    TableDescription table = table("relais-local-indexed");
    assertEquals(List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)), table.keySchema());
    assertEquals(2L, table.provisionedThroughput().readCapacityUnits());
    assertEquals(3L, table.provisionedThroughput().writeCapacityUnits());
    GlobalSecondaryIndexDescription byKind = table.globalSecondaryIndexes().get(0);
    assertEquals("ByKind", byKind.indexName());
    assertEquals(List.of(key("kind", KeyType.HASH)), byKind.keySchema());
    assertEquals(ProjectionType.INCLUDE, byKind.projection().projectionType());
    assertEquals(List.of("title"), byKind.projection().nonKeyAttributes());
    assertEquals("ByDate", table.localSecondaryIndexes().get(0).indexName());
    assertEquals(null, table.streamSpecification());
    assertEquals(
        TimeToLiveStatus.DISABLED,
        dynamoDb
            .describeTimeToLive(r -> r.tableName("relais-local-indexed"))
            .timeToLiveDescription()
            .timeToLiveStatus());
  }

  @Test
  void simpleTableIsOnDemand() {
    TableDescription table = table("Simple");
    assertEquals(List.of(key("code", KeyType.HASH)), table.keySchema());
    assertEquals("N", table.attributeDefinitions().get(0).attributeTypeAsString());
    assertEquals(BillingMode.PAY_PER_REQUEST, table.billingModeSummary().billingMode());
  }

  @Test
  void fifoQueueWithItsDeadLetterQueue() throws IOException {
    String url = pipeline.queueUrl("Queue");
    assertTrue(url.endsWith("/Queue.fifo"), url);
    Map<QueueAttributeName, String> attributes = attributes(url);
    assertEquals("true", attributes.get(QueueAttributeName.FIFO_QUEUE));
    assertEquals("false", attributes.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION));
    assertEquals("2", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
    JsonNode redrive = redrivePolicy(url);
    assertEquals(pipeline.queueArn("DeadLetters"), redrive.get("deadLetterTargetArn").asText());
    assertTrue(redrive.get("deadLetterTargetArn").asText().endsWith(":DeadLetters.fifo"));
    assertEquals(3, redrive.get("maxReceiveCount").asInt());
    Map<QueueAttributeName, String> deadLetters = attributes(pipeline.queueUrl("DeadLetters"));
    assertEquals("true", deadLetters.get(QueueAttributeName.FIFO_QUEUE));
    Map<QueueAttributeName, String> ordered = attributes(pipeline.queueUrl("Ordered"));
    assertEquals("true", ordered.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION));
  }

  @Test
  void chainOfDeadLetterQueues_namedByExpressions_withTheirAttributes() throws IOException {
    String plain = pipeline.queueUrl("Plain");
    assertTrue(plain.endsWith("/test-plain"), plain);
    Map<QueueAttributeName, String> attributes = attributes(plain);
    assertEquals("2", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
    assertEquals("1", attributes.get(QueueAttributeName.DELAY_SECONDS));
    assertEquals(
        pipeline.queueArn("Retry"), redrivePolicy(plain).get("deadLetterTargetArn").asText());
    assertEquals(4, redrivePolicy(plain).get("maxReceiveCount").asInt());
    String retry = pipeline.queueUrl("Retry");
    assertTrue(retry.endsWith("/retry"), retry);
    assertEquals(
        pipeline.queueArn("LastResort"), redrivePolicy(retry).get("deadLetterTargetArn").asText());
    assertEquals(
        "30",
        attributes(pipeline.queueUrl("LastResort")).get(QueueAttributeName.VISIBILITY_TIMEOUT));
  }

  @Test
  void environmentResolvesAgainstTheEmulators() {
    Map<String, String> stream =
        pipeline.environmentOf(SamTemplateTest.PIPELINE.functions().get("StreamFunction"));
    assertEquals("Table", stream.get("TABLE"));
    assertEquals("arn:aws:dynamodb:ca-central-1:000000000000:table/Table", stream.get("TABLE_ARN"));
    assertEquals(pipeline.queueUrl("Queue"), stream.get("QUEUE_URL"));
    assertEquals("ca-central-1/Table/Queue.fifo", stream.get("SUBBED"));
    Map<String, String> everything =
        pipeline.environmentOf(SamTemplateTest.PIPELINE.functions().get("EverythingFunction"));
    assertEquals(table("Table").latestStreamArn(), everything.get("STREAM"));
    assertEquals("test-plain", everything.get("PLAIN_NAME"));
    assertEquals("relais-local-indexed", everything.get("INDEXED_TABLE"));
  }

  @Test
  void provisioningAgainReusesWhatExists() {
    int tables = dynamoDb.listTables().tableNames().size();
    int queues = sqs.listQueues().queueUrls().size();
    LocalResources again =
        new LocalProvisioner(dynamoDb, sqs, REGION).provision(SamTemplateTest.PIPELINE);
    assertEquals(tables, dynamoDb.listTables().tableNames().size());
    assertEquals(queues, sqs.listQueues().queueUrls().size());
    assertEquals(pipeline.streamArn("Table"), again.streamArn("Table"));
    assertEquals(pipeline.queueUrl("Queue"), again.queueUrl("Queue"));
    assertEquals(pipeline.queueArn("Plain"), again.queueArn("Plain"));
  }

  @Test
  void parameterOverridesGiveNamesAndNumbers() {
    LocalResources prod =
        new LocalProvisioner(
                dynamoDb, sqs, REGION, Map.of("Stage", "prod", "VisibilitySeconds", "9"))
            .provision(SamTemplateTest.PIPELINE);
    String plain = prod.queueUrl("Plain");
    assertTrue(plain.endsWith("/prod-plain"), plain);
    assertEquals("9", attributes(plain).get(QueueAttributeName.VISIBILITY_TIMEOUT));
    Map<String, String> env =
        prod.environmentOf(prod.template().functions().get("EverythingFunction"));
    assertEquals("prod-plain", env.get("PLAIN_NAME"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LocalProvisioner(dynamoDb, sqs, REGION, Map.of("Nope", "x"))
                .provision(SamTemplateTest.PIPELINE));
  }

  @Test
  void projectTemplate_tableQueuesAndEveryFunctionEnvironment() throws IOException {
    // as the local stack starts it: secrets without a default get random values
    SamTemplate project = SamTemplateTest.PROJECT.withLocalSecrets();
    LocalResources resources = new LocalProvisioner(dynamoDb, sqs, REGION).provision(project);
    TableDescription table = table("RelaisTable");
    assertEquals(List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)), table.keySchema());
    assertEquals("ByMrcTime", table.globalSecondaryIndexes().get(0).indexName());
    assertEquals(
        List.of(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE)),
        table.globalSecondaryIndexes().get(0).keySchema());
    assertEquals(StreamViewType.KEYS_ONLY, table.streamSpecification().streamViewType());
    assertEquals(
        ProjectionType.INCLUDE,
        table.globalSecondaryIndexes().get(0).projection().projectionType());
    assertEquals(
        "expiresAt",
        dynamoDb
            .describeTimeToLive(r -> r.tableName("RelaisTable"))
            .timeToLiveDescription()
            .attributeName());
    String alerts = resources.queueUrl("AlertQueue");
    assertTrue(alerts.endsWith("/AlertQueue.fifo"), alerts);
    assertEquals("60", attributes(alerts).get(QueueAttributeName.VISIBILITY_TIMEOUT));
    assertEquals("true", attributes(alerts).get(QueueAttributeName.FIFO_QUEUE));
    assertEquals(
        resources.queueArn("AlertDeadLetterQueue"),
        redrivePolicy(alerts).get("deadLetterTargetArn").asText());
    assertEquals(5, redrivePolicy(alerts).get("maxReceiveCount").asInt());
    assertEquals(
        "RelaisTable",
        resources.environmentOf(project.functions().get("IntakeFunction")).get("TABLE_NAME"));
    assertEquals(
        alerts,
        resources
            .environmentOf(project.functions().get("DispatchFunction"))
            .get("ALERT_QUEUE_URL"));
    Map<String, String> notify = resources.environmentOf(project.functions().get("NotifyFunction"));
    assertEquals("RelaisConfigurationSet", notify.get("SES_CONFIGURATION_SET"));
    assertEquals("relais@example.org", notify.get("SENDER_EMAIL"));
    assertEquals("relais@example.org", notify.get("REPLY_TO_EMAIL"));
    for (FunctionDef function : project.functions().values()) {
      assertEquals(
          function.environment().keySet(),
          resources.environmentOf(function).keySet(),
          function.logicalId());
    }
    Object outputs = project.raw().get("Outputs");
    Map<String, Object> stream =
        TemplateValues.map(TemplateValues.map(outputs).get("TableStreamArn"));
    assertEquals(table.latestStreamArn(), resources.resolve(stream.get("Value")));
  }

  @Test
  void deadLetterQueueOfTheWrongKindIsRefused() {
    SamTemplate mixed =
        SamTemplate.of(
            CloudFormationYaml.parse(
                """
                Resources:
                  Ordered:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: mixed
                      FifoQueue: true
                      RedrivePolicy: {deadLetterTargetArn: !GetAtt Standard.Arn, maxReceiveCount: 1}
                  Standard:
                    Type: AWS::SQS::Queue
                    Properties: {QueueName: mixed-dlq}
                """));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LocalProvisioner(dynamoDb, sqs, REGION).provision(mixed));
    assertTrue(e.getMessage().contains("Ordered"), e.getMessage());
    assertTrue(e.getMessage().contains("Standard"), e.getMessage());
  }
}
