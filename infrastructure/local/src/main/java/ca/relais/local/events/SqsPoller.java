package ca.relais.local.events;

import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.SqsEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The local event source mapping of an SQS queue: receives up to {@code BatchSize} messages,
 * invokes the function with an {@code SQSEvent}, deletes what succeeded. With {@code
 * ReportBatchItemFailures} the messages the function names stay on the queue; a function error
 * leaves the whole batch. Failed messages return after the visibility timeout, and the queue's
 * redrive policy moves them to the dead-letter queue after {@code maxReceiveCount}.
 */
public final class SqsPoller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final String region;
  private final LocalFunction function;
  private final SqsEvent mapping;
  private final Thread thread;
  private volatile boolean running = true;

  public SqsPoller(
      SqsClient sqs,
      String queueUrl,
      String queueArn,
      String region,
      LocalFunction function,
      SqsEvent mapping) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.queueArn = queueArn;
    this.region = region;
    this.function = function;
    this.mapping = mapping;
    this.thread = new Thread(this::run, "sqs-" + function.name());
    this.thread.setDaemon(true);
  }

  public SqsPoller start() {
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      try {
        pollOnce();
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("SQS poller for {} failed; retrying", function.name(), e);
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  void pollOnce() {
    List<Message> messages =
        sqs.receiveMessage(
                r ->
                    r.queueUrl(queueUrl)
                        .maxNumberOfMessages(Math.max(1, Math.min(mapping.batchSize(), 10)))
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
            .messages();
    if (messages.isEmpty() || !running) {
      return;
    }
    Set<String> failed = invoke(messages);
    List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
    for (Message message : messages) {
      if (!failed.contains(message.messageId())) {
        done.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(String.valueOf(done.size()))
                .receiptHandle(message.receiptHandle())
                .build());
      }
    }
    if (!done.isEmpty()) {
      sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
    }
    if (!failed.isEmpty()) {
      LOG.info(
          "{}: {} of {} messages failed and will be retried after the visibility timeout",
          function.name(),
          failed.size(),
          messages.size());
    }
  }

  /** The ids of the messages that failed. */
  private Set<String> invoke(List<Message> messages) {
    Set<String> all = new HashSet<>();
    messages.forEach(m -> all.add(m.messageId()));
    String response;
    try {
      response =
          function.invoke(
              JSON.writeValueAsString(
                  Map.of("Records", messages.stream().map(this::record).toList())));
    } catch (LocalFunction.FunctionError e) {
      LOG.warn(
          "{} failed on a batch of {} messages", function.name(), messages.size(), e.getCause());
      return all;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (!mapping.reportBatchItemFailures()) {
      return Set.of();
    }
    Set<String> failed = new HashSet<>();
    try {
      for (JsonNode failure : JSON.readTree(response).path("batchItemFailures")) {
        String id = failure.path("itemIdentifier").asText("");
        if (!all.contains(id)) {
          return all; // an unknown identifier fails the whole batch, as in Lambda
        }
        failed.add(id);
      }
    } catch (Exception e) {
      return all;
    }
    return failed;
  }

  private Map<String, Object> record(Message message) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
    Map<String, Object> messageAttributes = new LinkedHashMap<>();
    message
        .messageAttributes()
        .forEach(
            (name, value) -> {
              Map<String, Object> attribute = new LinkedHashMap<>();
              attribute.put("stringValue", value.stringValue());
              attribute.put("dataType", value.dataType());
              messageAttributes.put(name, attribute);
            });
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("messageId", message.messageId());
    record.put("receiptHandle", message.receiptHandle());
    record.put("body", message.body());
    record.put("attributes", attributes);
    record.put("messageAttributes", messageAttributes);
    record.put("md5OfBody", message.md5OfBody());
    record.put("eventSource", "aws:sqs");
    record.put("eventSourceARN", queueArn);
    record.put("awsRegion", region);
    return record;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
