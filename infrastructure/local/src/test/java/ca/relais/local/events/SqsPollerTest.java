package ca.relais.local.events;

import static ca.relais.local.events.Emulators.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.emulator.EmbeddedSqs;
import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.SqsEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SQS event source mapping on ElasticMQ, with a recording test function. */
class SqsPollerTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final AtomicInteger QUEUES = new AtomicInteger();

  private static EmbeddedSqs server;
  private static SqsClient sqs;
  private static LocalFunction function;

  @BeforeAll
  static void startElasticMq() {
    server = EmbeddedSqs.start(0, Emulators.REGION);
    sqs = Emulators.client(SqsClient.builder(), server.endpoint());
    function =
        LocalFunction.load(
            "QueueFunction", RecordingSqsHandler.class.getName(), "handleRequest", 5);
  }

  @AfterAll
  static void stopElasticMq() {
    server.close();
  }

  @BeforeEach
  void reset() {
    RecordingSqsHandler.reset();
  }

  /** A FIFO queue with a 1 s visibility timeout; with a FIFO dead-letter queue when asked. */
  private static String fifoQueue(String deadLetterUrl, int maxReceiveCount) {
    Map<QueueAttributeName, String> attributes = new HashMap<>();
    attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
    attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, "1");
    if (deadLetterUrl != null) {
      attributes.put(
          QueueAttributeName.REDRIVE_POLICY,
          "{\"deadLetterTargetArn\":\""
              + arn(deadLetterUrl)
              + "\",\"maxReceiveCount\":\""
              + maxReceiveCount
              + "\"}");
    }
    String name = "alerts-" + QUEUES.incrementAndGet() + ".fifo";
    return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
  }

  private static String arn(String url) {
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  private static void send(String url, String group, String body) {
    sqs.sendMessage(
        r ->
            r.queueUrl(url)
                .messageGroupId(group)
                .messageDeduplicationId(body)
                .messageBody(body)
                .messageAttributes(
                    Map.of(
                        "kind",
                        MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue("alert")
                            .build())));
  }

  private static int messagesLeft(String url) {
    Map<QueueAttributeName, String> a =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(url)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private static SqsPoller poller(String url, boolean reportBatchItemFailures) {
    return new SqsPoller(
        sqs,
        url,
        function,
        new SqsEvent("Messages", "Queue", 10, reportBatchItemFailures, 0),
        arn(url),
        Emulators.REGION);
  }

  @Test
  void aBatchIsDeliveredAsLambdaBuildsIt_withItsMessageGroupId_andDeletedOnSuccess()
      throws Exception {
    String url = fifoQueue(null, 0);
    send(url, "MRC-A", "a1");
    send(url, "MRC-B", "b1");
    send(url, "MRC-A", "a2");
    try (SqsPoller poller = poller(url, true).start()) {
      await(
          () -> RecordingSqsHandler.DELIVERED.size() >= 3,
          WAIT,
          () -> "three messages, got " + RecordingSqsHandler.DELIVERED);
    }
    assertTrue(
        RecordingSqsHandler.DELIVERED.indexOf("MRC-A:a1")
            < RecordingSqsHandler.DELIVERED.indexOf("MRC-A:a2"),
        "order within a group: " + RecordingSqsHandler.DELIVERED);
    assertTrue(RecordingSqsHandler.DELIVERED.contains("MRC-B:b1"));
    SQSEvent.SQSMessage first =
        RecordingSqsHandler.RECEIVED.stream()
            .filter(m -> m.getBody().equals("a1"))
            .findFirst()
            .orElseThrow();
    assertEquals("a1", first.getBody());
    assertEquals("MRC-A", first.getAttributes().get("MessageGroupId"));
    assertEquals("a1", first.getAttributes().get("MessageDeduplicationId"));
    assertEquals("1", first.getAttributes().get("ApproximateReceiveCount"));
    assertNotNull(first.getAttributes().get("SentTimestamp"));
    assertNotNull(first.getAttributes().get("SenderId"));
    assertNotNull(first.getAttributes().get("ApproximateFirstReceiveTimestamp"));
    assertNotNull(first.getAttributes().get("SequenceNumber"));
    assertEquals("alert", first.getMessageAttributes().get("kind").getStringValue());
    assertEquals("String", first.getMessageAttributes().get("kind").getDataType());
    assertEquals("aws:sqs", first.getEventSource());
    assertEquals(arn(url), first.getEventSourceArn());
    assertEquals(Emulators.REGION, first.getAwsRegion());
    assertNotNull(first.getMessageId());
    assertNotNull(first.getReceiptHandle());
    assertNotNull(first.getMd5OfBody());
    await(() -> messagesLeft(url) == 0, WAIT, () -> "the queue to be empty");
  }

  @Test
  void aFailedMessageComesBackAfterTheVisibilityTimeout_holdingBackOnlyItsGroup_thenGoesToTheDlq()
      throws Exception {
    String dlq = fifoQueue(null, 0);
    String url = fifoQueue(dlq, 2);
    send(url, "MRC-P", "poison");
    send(url, "MRC-A", "a1");
    send(url, "MRC-A", "a2");
    try (SqsPoller poller = poller(url, true).start()) {
      await(
          () -> RecordingSqsHandler.DELIVERED.containsAll(List.of("MRC-A:a1", "MRC-A:a2")),
          WAIT,
          () -> "group MRC-A, got " + RecordingSqsHandler.DELIVERED);
      // sent while the poison message is in flight: its group is held back until it leaves
      send(url, "MRC-P", "after-poison");
      await(
          () -> RecordingSqsHandler.DELIVERED.contains("MRC-P:after-poison"),
          WAIT,
          () -> "group MRC-P after the poison message left, got " + RecordingSqsHandler.RECEIPTS);
    }
    List<String> poison = receipts("poison#");
    assertEquals(2, poison.size(), "received maxReceiveCount times: " + poison);
    assertTrue(poison.get(0).startsWith("poison#1@") && poison.get(1).startsWith("poison#2@"));
    assertTrue(
        time(poison.get(1)) - time(poison.get(0)) >= 900,
        "back after the 1 s visibility timeout: " + poison);
    List<String> after = receipts("after-poison#");
    assertTrue(
        time(after.get(0)) >= time(poison.get(1)),
        "the next message of the group waited for the failed one: " + RecordingSqsHandler.RECEIPTS);
    assertEquals(1, receipts("a1#").size(), "a1 succeeded and was deleted, never received again");
    List<Message> dead =
        sqs.receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(2).maxNumberOfMessages(10))
            .messages();
    assertEquals(List.of("poison"), dead.stream().map(Message::body).toList());
    await(() -> messagesLeft(url) == 0, WAIT, () -> "the queue to be empty");
  }

  private static List<String> receipts(String prefix) {
    return RecordingSqsHandler.RECEIPTS.stream().filter(r -> r.startsWith(prefix)).toList();
  }

  private static long time(String receipt) {
    return Long.parseLong(receipt.substring(receipt.indexOf('@') + 1));
  }

  @Test
  void aFunctionErrorDeletesNothing_soTheWholeBatchComesBack() throws Exception {
    String url = fifoQueue(null, 0);
    send(url, "MRC-C", "crash");
    send(url, "MRC-C", "fine");
    try (SqsPoller poller = poller(url, true).start()) {
      await(
          () -> RecordingSqsHandler.DELIVERED.size() >= 2,
          WAIT,
          () -> "both messages, got " + RecordingSqsHandler.RECEIPTS);
    }
    assertEquals(List.of("MRC-C:crash", "MRC-C:fine"), RecordingSqsHandler.DELIVERED);
    assertTrue(
        RecordingSqsHandler.RECEIPTS.stream().anyMatch(r -> r.startsWith("fine#2@")),
        "the message beside the crash came back: " + RecordingSqsHandler.RECEIPTS);
  }

  @Test
  void withoutReportBatchItemFailures_aReturnedFailureListIsIgnored() throws Exception {
    String url = fifoQueue(null, 0);
    send(url, "MRC-D", "poison-ignored");
    try (SqsPoller poller = poller(url, false).start()) {
      await(
          () -> !RecordingSqsHandler.RECEIPTS.isEmpty(), WAIT, () -> "the message to be received");
      await(() -> messagesLeft(url) == 0, WAIT, () -> "the message to be deleted");
    }
    assertEquals(1, RecordingSqsHandler.RECEIPTS.size());
  }
}
