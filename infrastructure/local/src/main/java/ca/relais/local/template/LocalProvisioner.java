package ca.relais.local.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's tables and queues on the local emulators, exactly as declared: keys,
 * indexes, stream, TTL; FIFO, deduplication, visibility timeout, retention, redrive. Existing ones
 * are reused, so a restart against running emulators is harmless.
 */
public final class LocalProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(LocalProvisioner.class);

  private final DynamoDbClient dynamoDb;
  private final SqsClient sqs;
  private final String region;

  public LocalProvisioner(DynamoDbClient dynamoDb, SqsClient sqs, String region) {
    this.dynamoDb = dynamoDb;
    this.sqs = sqs;
    this.region = region;
  }

  public LocalResources provision(SamTemplate template) {
    LocalResources resources = new LocalResources(template, region);
    for (TableDef table : template.tables().values()) {
      String name = table.tableName().orElse(table.logicalId());
      TableDescription description = createTable(name, table);
      resources.table(table.logicalId(), name, Optional.ofNullable(description.latestStreamArn()));
    }
    List<QueueDef> ordered = new ArrayList<>(template.queues().values());
    // Dead-letter queues first: a redrive policy names an existing queue.
    ordered.sort((a, b) -> Boolean.compare(a.redrive().isPresent(), b.redrive().isPresent()));
    for (QueueDef queue : ordered) {
      Map<QueueAttributeName, String> attributes = new HashMap<>();
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
      queue
          .redrive()
          .ifPresent(
              redrive ->
                  attributes.put(
                      QueueAttributeName.REDRIVE_POLICY,
                      "{\"deadLetterTargetArn\":\""
                          + resources.queueArn(redrive.deadLetterQueueLogicalId())
                          + "\",\"maxReceiveCount\":\""
                          + redrive.maxReceiveCount()
                          + "\"}"));
      String url =
          sqs.createQueue(r -> r.queueName(queue.localName()).attributes(attributes)).queueUrl();
      String arn =
          sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
              .attributes()
              .get(QueueAttributeName.QUEUE_ARN);
      resources.queue(queue.logicalId(), url, arn);
      LOG.info("Queue {} ready ({})", queue.localName(), queue.logicalId());
    }
    return resources;
  }

  private TableDescription createTable(String name, TableDef table) {
    try {
      TableDescription existing = dynamoDb.describeTable(r -> r.tableName(name)).table();
      LOG.info("Table {} exists, reused", name);
      return existing;
    } catch (ResourceNotFoundException absent) {
      // create it below
    }
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(name)
            .billingMode(BillingMode.PAY_PER_REQUEST)
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
    if (!table.globalIndexes().isEmpty()) {
      request.globalSecondaryIndexes(
          table.globalIndexes().stream()
              .map(
                  i ->
                      GlobalSecondaryIndex.builder()
                          .indexName(i.name())
                          .keySchema(keys(i.keys()))
                          .projection(
                              Projection.builder().projectionType(i.projectionType()).build())
                          .build())
              .toList());
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
    table
        .ttlAttribute()
        .ifPresent(
            attribute ->
                dynamoDb.updateTimeToLive(
                    r ->
                        r.tableName(name)
                            .timeToLiveSpecification(
                                t -> t.attributeName(attribute).enabled(true))));
    LOG.info("Table {} created ({})", name, table.logicalId());
    return created;
  }

  private static List<KeySchemaElement> keys(List<TableDef.Key> keys) {
    return keys.stream()
        .map(k -> KeySchemaElement.builder().attributeName(k.name()).keyType(k.keyType()).build())
        .toList();
  }
}
