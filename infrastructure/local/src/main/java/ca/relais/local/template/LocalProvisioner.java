package ca.relais.local.template;

import static ca.relais.local.template.TemplateValues.list;
import static ca.relais.local.template.TemplateValues.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates a template's tables and queues on the local emulators (DynamoDB Local, ElasticMQ; or
 * LocalStack) exactly as declared, and tells what each logical id became.
 *
 * <ul>
 *   <li>Tables: key schema, attribute definitions, global (and local) secondary indexes, billing
 *       mode ({@code PAY_PER_REQUEST}, else provisioned with the template's throughput or 5/5),
 *       stream, then {@code UpdateTimeToLive}. A SimpleTable without throughput is on demand.
 *   <li>Queues, each dead-letter queue before the queues that use it: {@code FifoQueue}, {@code
 *       ContentBasedDeduplication}, {@code VisibilityTimeout}, {@code MessageRetentionPeriod},
 *       {@code DelaySeconds}, {@code ReceiveMessageWaitTimeSeconds}, and the {@code RedrivePolicy}
 *       with the dead-letter queue's ARN.
 * </ul>
 *
 * Local names: {@code TableName} if set, else the logical id; {@code QueueName} if set, else the
 * logical id, with {@code .fifo} for a FIFO queue. Tables and queues that already exist under their
 * name are reused as they are, so a restart against running emulators is harmless.
 */
public final class LocalProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(LocalProvisioner.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long DEFAULT_CAPACITY = 5;

  private final DynamoDbClient dynamoDb;
  private final SqsClient sqs;
  private final String region;
  private final Map<String, String> parameterOverrides;

  /**
   * @param region the region of the emulators (of every ARN and of {@code AWS::Region})
   * @param parameterOverrides values for some of the template's parameters (as {@code sam deploy
   *     --parameter-overrides}); the others keep their defaults
   */
  public LocalProvisioner(
      DynamoDbClient dynamoDb,
      SqsClient sqs,
      String region,
      Map<String, String> parameterOverrides) {
    this.dynamoDb = dynamoDb;
    this.sqs = sqs;
    this.region = region;
    this.parameterOverrides = Map.copyOf(parameterOverrides);
  }

  /** A provisioner that keeps the parameters' defaults (or the values the template was given). */
  public LocalProvisioner(DynamoDbClient dynamoDb, SqsClient sqs, String region) {
    this(dynamoDb, sqs, region, Map.of());
  }

  /**
   * Creates (or finds) every table and queue of the template.
   *
   * @return the local resources of this template, with which its intrinsics resolve
   * @throws IllegalArgumentException for a template the local stack cannot provision (the message
   *     names the logical id)
   */
  public LocalResources provision(SamTemplate template) {
    SamTemplate effective = template.withParameterValues(parameterOverrides);
    LocalResources resources = new LocalResources(effective, region);
    for (TableDef table : effective.tables().values()) {
      String name =
          table
              .tableName()
              .orElseGet(() -> computedName(effective, resources, table.logicalId(), "TableName"));
      TableDescription description = ensureTable(name, table, effective, resources);
      resources.table(table.logicalId(), name, Optional.ofNullable(description.latestStreamArn()));
    }
    Set<String> done = new HashSet<>();
    for (QueueDef queue : effective.queues().values()) {
      ensureQueue(queue, effective, resources, done, new LinkedHashSet<>());
    }
    return resources;
  }

  /** {@code TableName}/{@code QueueName} given as an expression, else the logical id. */
  private static String computedName(
      SamTemplate template, LocalResources resources, String logicalId, String property) {
    Object expression = template.resourceProperties(logicalId).get(property);
    if (expression == null) {
      return logicalId;
    }
    try {
      return resources.resolve(expression);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(logicalId + "." + property + ": " + e.getMessage(), e);
    }
  }

  private TableDescription ensureTable(
      String name, TableDef table, SamTemplate template, LocalResources resources) {
    try {
      TableDescription existing = dynamoDb.describeTable(r -> r.tableName(name)).table();
      LOG.info("Table {} ({}) exists: reused", name, table.logicalId());
      return existing;
    } catch (ResourceNotFoundException absent) {
      LOG.debug("Table {} not found: creating it", name);
    }
    Map<String, Object> properties = template.resourceProperties(table.logicalId());
    boolean simple =
        "AWS::Serverless::SimpleTable".equals(template.resourceType(table.logicalId()));
    String billing =
        properties.get("BillingMode") != null
            ? resources.resolve(properties.get("BillingMode"))
            : simple && properties.get("ProvisionedThroughput") == null
                ? "PAY_PER_REQUEST"
                : "PROVISIONED";
    boolean onDemand = billing.equals("PAY_PER_REQUEST");
    String where = table.logicalId() + ".Properties.";
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(name)
            .attributeDefinitions(
                table.attributes().stream()
                    .map(
                        a ->
                            AttributeDefinition.builder()
                                .attributeName(a.name())
                                .attributeType(a.type())
                                .build())
                    .toList())
            .keySchema(keys(table.keySchema()));
    if (onDemand) {
      request.billingMode(BillingMode.PAY_PER_REQUEST);
    } else {
      request
          .billingMode(BillingMode.PROVISIONED)
          .provisionedThroughput(
              throughput(properties.get("ProvisionedThroughput"), resources, where));
    }
    Map<String, Map<String, Object>> rawIndexes = byIndexName(properties, "GlobalSecondaryIndexes");
    if (!table.globalIndexes().isEmpty()) {
      List<GlobalSecondaryIndex> indexes = new ArrayList<>();
      for (IndexDef index : table.globalIndexes()) {
        Map<String, Object> raw = rawIndexes.getOrDefault(index.name(), Map.of());
        GlobalSecondaryIndex.Builder gsi =
            GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(keys(index.keys()))
                .projection(projection(index.projectionType(), raw, resources));
        if (!onDemand) {
          gsi.provisionedThroughput(
              throughput(raw.get("ProvisionedThroughput"), resources, where + index.name()));
        }
        indexes.add(gsi.build());
      }
      request.globalSecondaryIndexes(indexes);
    }
    List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
    for (Map<String, Object> raw : byIndexName(properties, "LocalSecondaryIndexes").values()) {
      String indexName = resources.resolve(raw.get("IndexName"));
      localIndexes.add(
          LocalSecondaryIndex.builder()
              .indexName(indexName)
              .keySchema(keys(rawKeys(raw.get("KeySchema"), resources)))
              .projection(
                  projection(
                      resources.resolve(
                          map(raw.get("Projection")).getOrDefault("ProjectionType", "ALL")),
                      raw,
                      resources))
              .build());
    }
    if (!localIndexes.isEmpty()) {
      request.localSecondaryIndexes(localIndexes);
    }
    table
        .streamViewType()
        .ifPresent(
            view ->
                request.streamSpecification(
                    StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(view)
                        .build()));
    TableDescription created = dynamoDb.createTable(request.build()).tableDescription();
    dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(name));
    table
        .ttlAttribute()
        .ifPresent(
            attribute ->
                dynamoDb.updateTimeToLive(
                    r ->
                        r.tableName(name)
                            .timeToLiveSpecification(
                                t -> t.attributeName(attribute).enabled(true))));
    LOG.info("Table {} ({}) created", name, table.logicalId());
    return created;
  }

  private static Map<String, Map<String, Object>> byIndexName(
      Map<String, Object> properties, String property) {
    Map<String, Map<String, Object>> indexes = new LinkedHashMap<>();
    for (Object index : list(properties.get(property))) {
      indexes.put(String.valueOf(map(index).get("IndexName")), map(index));
    }
    return indexes;
  }

  private static List<KeyDef> rawKeys(Object schema, LocalResources resources) {
    List<KeyDef> keys = new ArrayList<>();
    for (Object key : list(schema)) {
      keys.add(
          new KeyDef(
              resources.resolve(map(key).get("AttributeName")),
              resources.resolve(map(key).get("KeyType"))));
    }
    return keys;
  }

  private static Projection projection(
      String type, Map<String, Object> rawIndex, LocalResources resources) {
    Projection.Builder projection = Projection.builder().projectionType(type);
    List<Object> nonKey = list(map(rawIndex.get("Projection")).get("NonKeyAttributes"));
    if (!nonKey.isEmpty()) {
      projection.nonKeyAttributes(nonKey.stream().map(resources::resolve).toList());
    }
    return projection.build();
  }

  private static ProvisionedThroughput throughput(
      Object declared, LocalResources resources, String where) {
    Map<String, Object> capacity = map(declared);
    return ProvisionedThroughput.builder()
        .readCapacityUnits(units(capacity.get("ReadCapacityUnits"), resources, where))
        .writeCapacityUnits(units(capacity.get("WriteCapacityUnits"), resources, where))
        .build();
  }

  private static long units(Object value, LocalResources resources, String where) {
    if (value == null) {
      return DEFAULT_CAPACITY;
    }
    String text = resources.resolve(value);
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where + ".ProvisionedThroughput: '" + text + "' is not a number", e);
    }
  }

  private static List<KeySchemaElement> keys(List<KeyDef> keys) {
    return keys.stream()
        .map(k -> KeySchemaElement.builder().attributeName(k.name()).keyType(k.keyType()).build())
        .toList();
  }

  /** Creates a queue after its dead-letter queue (and that one's, and so on). */
  private void ensureQueue(
      QueueDef queue,
      SamTemplate template,
      LocalResources resources,
      Set<String> done,
      Set<String> path) {
    if (done.contains(queue.logicalId())) {
      return;
    }
    if (!path.add(queue.logicalId())) {
      throw new IllegalArgumentException(
          "The dead-letter queues of " + path + " form a cycle back to " + queue.logicalId());
    }
    Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
    if (queue.fifo()) {
      attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
      attributes.put(
          QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
          String.valueOf(queue.contentBasedDeduplication()));
    }
    attributes.put(
        QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(queue.visibilityTimeoutSeconds()));
    attributes.put(
        QueueAttributeName.MESSAGE_RETENTION_PERIOD,
        String.valueOf(queue.messageRetentionSeconds()));
    Map<String, Object> properties = template.resourceProperties(queue.logicalId());
    optionalAttribute(properties, "DelaySeconds", resources)
        .ifPresent(v -> attributes.put(QueueAttributeName.DELAY_SECONDS, v));
    optionalAttribute(properties, "ReceiveMessageWaitTimeSeconds", resources)
        .ifPresent(v -> attributes.put(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, v));
    if (queue.redrive().isPresent()) {
      Redrive redrive = queue.redrive().get();
      QueueDef deadLetters = template.queues().get(redrive.deadLetterQueueLogicalId());
      if (deadLetters == null) {
        throw new IllegalArgumentException(
            queue.logicalId()
                + ".RedrivePolicy.deadLetterTargetArn: "
                + redrive.deadLetterQueueLogicalId()
                + " is not an AWS::SQS::Queue of the template");
      }
      if (deadLetters.fifo() != queue.fifo()) {
        throw new IllegalArgumentException(
            queue.logicalId()
                + ": the dead-letter queue of a "
                + (queue.fifo() ? "FIFO" : "standard")
                + " queue must be "
                + (queue.fifo() ? "FIFO" : "standard")
                + ", and "
                + deadLetters.logicalId()
                + " is not");
      }
      ensureQueue(deadLetters, template, resources, done, path);
      Map<String, Object> policy = new LinkedHashMap<>();
      policy.put("deadLetterTargetArn", resources.queueArn(deadLetters.logicalId()));
      policy.put("maxReceiveCount", redrive.maxReceiveCount());
      try {
        attributes.put(QueueAttributeName.REDRIVE_POLICY, JSON.writeValueAsString(policy));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    String name =
        queue
            .queueName()
            .map(n -> QueueDef.localName(n, queue.fifo()))
            .orElseGet(
                () ->
                    QueueDef.localName(
                        computedName(template, resources, queue.logicalId(), "QueueName"),
                        queue.fifo()));
    String url = existingQueue(name);
    if (url != null) {
      LOG.info("Queue {} ({}) exists: reused", name, queue.logicalId());
    } else {
      url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
      LOG.info("Queue {} ({}) created", name, queue.logicalId());
    }
    String queueUrl = url;
    String arn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    resources.queue(queue.logicalId(), queueUrl, arn);
    path.remove(queue.logicalId());
    done.add(queue.logicalId());
  }

  private String existingQueue(String name) {
    try {
      return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
    } catch (QueueDoesNotExistException absent) {
      return null;
    }
  }

  private static Optional<String> optionalAttribute(
      Map<String, Object> properties, String property, LocalResources resources) {
    Object value = properties.get(property);
    return value == null ? Optional.empty() : Optional.of(resources.resolve(value));
  }
}
