package ca.relais.local.events;

import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.SqsEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The local event source mapping of an SQS queue, on its own daemon thread.
 *
 * <ul>
 *   <li>Receives up to {@code BatchSize} messages (at most 10 per ReceiveMessage; with {@code
 *       MaximumBatchingWindowInSeconds} it receives again until the batch is full or the window has
 *       passed) with a 1 s long poll, and every system attribute (ApproximateReceiveCount,
 *       SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp, MessageGroupId,
 *       MessageDeduplicationId, SequenceNumber...).
 *   <li>Invokes the function with an {@code SQSEvent} in Lambda's JSON.
 *   <li>Success: deletes the batch. With {@code ReportBatchItemFailures}, deletes all but the
 *       messages whose ids the response names (an empty or unknown id, or an unreadable response,
 *       fails the whole batch, as in Lambda). A function error deletes nothing.
 *   <li>What is not deleted comes back after the queue's visibility timeout, and the queue's
 *       redrive policy (kept by the emulator) moves it to the dead-letter queue after {@code
 *       maxReceiveCount} receives.
 * </ul>
 *
 * FIFO queues keep their order: the emulator hides a message group while one of its messages is in
 * flight, and this poller receives no more than one batch ahead. Logs hold message ids and counts
 * only, never bodies or attributes.
 */
public final class SqsPoller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PER_RECEIVE = 10;
  private static final long MAX_BACKOFF_MILLIS = 10_000;

  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final String region;
  private final LocalFunction function;
  private final SqsEvent mapping;
  private final Worker worker;

  /**
   * A poller for one queue.
   *
   * @param sqs a client of the SQS endpoint
   * @param queueUrl the queue to receive from
   * @param function the function to invoke
   * @param mapping the template's event source mapping
   * @param queueArn the queue's ARN ({@code eventSourceARN})
   * @param region the region in the events ({@code awsRegion})
   */
  public SqsPoller(
      SqsClient sqs,
      String queueUrl,
      LocalFunction function,
      SqsEvent mapping,
      String queueArn,
      String region) {
    this(sqs, queueUrl, queueArn, region, function, mapping);
  }

  /**
   * A poller for one queue (the same, arguments in another order).
   *
   * @param sqs a client of the SQS endpoint
   * @param queueUrl the queue to receive from
   * @param queueArn the queue's ARN ({@code eventSourceARN})
   * @param region the region in the events ({@code awsRegion})
   * @param function the function to invoke
   * @param mapping the template's event source mapping
   */
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
    this.worker = new Worker("sqs-" + function.name(), this::run);
  }

  /**
   * Starts polling.
   *
   * @return this poller
   */
  public SqsPoller start() {
    worker.start();
    LOG.info(
        "{}: polling queue {} (batch size {})",
        function.name(),
        queueArn.substring(queueArn.lastIndexOf(':') + 1),
        mapping.batchSize());
    return this;
  }

  private void run() {
    long failures = 0;
    try {
      while (worker.running()) {
        try {
          pollOnce();
          failures = 0;
        } catch (RuntimeException e) {
          if (!worker.running()) {
            return;
          }
          failures++;
          LOG.warn(
              "{}: receiving from or deleting on the queue failed ({}); retrying",
              function.name(),
              e.toString());
          worker.pause(Math.min(MAX_BACKOFF_MILLIS, 500L << Math.min(failures, 5)));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Receives one batch (long poll of 1 s), invokes, deletes what succeeded. */
  void pollOnce() {
    List<Message> messages = receiveBatch();
    if (messages.isEmpty()) {
      return;
    }
    if (!worker.running()) {
      release(messages);
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
      DeleteMessageBatchResponse deleted =
          sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
      if (deleted.hasFailed() && !deleted.failed().isEmpty()) {
        LOG.warn(
            "{}: {} processed messages could not be deleted ({}) and will be delivered again",
            function.name(),
            deleted.failed().size(),
            deleted.failed().get(0).code());
      }
    }
    if (!failed.isEmpty()) {
      LOG.info(
          "{}: {} of {} messages failed and come back after the visibility timeout: {}",
          function.name(),
          failed.size(),
          messages.size(),
          failed);
    }
  }

  private List<Message> receiveBatch() {
    int batchSize = Math.max(1, mapping.batchSize());
    long deadline = System.nanoTime() + mapping.maximumBatchingWindowSeconds() * 1_000_000_000L;
    List<Message> batch = new ArrayList<>();
    do {
      int wanted = Math.min(batchSize - batch.size(), MAX_PER_RECEIVE);
      batch.addAll(
          sqs.receiveMessage(
                  r ->
                      r.queueUrl(queueUrl)
                          .maxNumberOfMessages(wanted)
                          .waitTimeSeconds(1)
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                          .messageAttributeNames("All"))
              .messages());
    } while (worker.running()
        && batch.size() < batchSize
        && mapping.maximumBatchingWindowSeconds() > 0
        && System.nanoTime() < deadline);
    return batch;
  }

  /** The ids of the messages that failed (see {@link BatchFailures}). */
  private Set<String> invoke(List<Message> messages) {
    List<String> ids = messages.stream().map(Message::messageId).toList();
    BatchFailures failures =
        BatchFailures.of(
            function,
            ids,
            mapping.reportBatchItemFailures(),
            () ->
                function.invoke(
                    JSON.writeValueAsString(
                        Map.of("Records", messages.stream().map(this::record).toList()))));
    failures
        .error()
        .ifPresent(
            cause ->
                LOG.warn(
                    "{} failed on a batch of {} messages; none is deleted",
                    function.name(),
                    messages.size(),
                    cause));
    Set<String> failed = new HashSet<>();
    failures.positions().forEach(position -> failed.add(ids.get(position)));
    return failed;
  }

  /** Makes messages received while closing visible again at once. */
  private void release(List<Message> messages) {
    List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
    for (Message message : messages) {
      entries.add(
          ChangeMessageVisibilityBatchRequestEntry.builder()
              .id(String.valueOf(entries.size()))
              .receiptHandle(message.receiptHandle())
              .visibilityTimeout(0)
              .build());
    }
    try {
      sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries));
    } catch (RuntimeException e) {
      LOG.debug("{}: could not release {} messages", function.name(), messages.size());
    }
  }

  /** One record of an SQSEvent, as Lambda writes it. */
  private Map<String, Object> record(Message message) {
    Map<String, Object> attributes = new LinkedHashMap<>(message.attributesAsStrings());
    Map<String, Object> messageAttributes = new LinkedHashMap<>();
    message
        .messageAttributes()
        .forEach((name, value) -> messageAttributes.put(name, messageAttribute(value)));
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("messageId", message.messageId());
    record.put("receiptHandle", message.receiptHandle());
    record.put("body", message.body());
    record.put("attributes", attributes);
    record.put("messageAttributes", messageAttributes);
    if (message.md5OfMessageAttributes() != null) {
      record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
    }
    record.put("md5OfBody", message.md5OfBody());
    record.put("eventSource", "aws:sqs");
    record.put("eventSourceARN", queueArn);
    record.put("awsRegion", region);
    return record;
  }

  private static Map<String, Object> messageAttribute(MessageAttributeValue value) {
    Map<String, Object> attribute = new LinkedHashMap<>();
    if (value.stringValue() != null) {
      attribute.put("stringValue", value.stringValue());
    }
    if (value.binaryValue() != null) {
      attribute.put("binaryValue", base64(value.binaryValue()));
    }
    attribute.put(
        "stringListValues", value.hasStringListValues() ? value.stringListValues() : List.of());
    attribute.put(
        "binaryListValues",
        value.hasBinaryListValues()
            ? value.binaryListValues().stream().map(SqsPoller::base64).toList()
            : List.of());
    attribute.put("dataType", value.dataType());
    return attribute;
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }

  /**
   * Stops polling: a receive in progress ends within its 1 s long poll; an invocation in progress
   * has up to 10 s to finish (its messages are then deleted as usual).
   */
  @Override
  public void close() {
    worker.close();
  }
}
