package ca.relais.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ in this JVM: FIFO queues with groups, deduplication and redrive to a DLQ. */
class EmbeddedSqsTest {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqsTest.class);

  private static EmbeddedSqs server;
  private static SqsClient sqs;
  private static Set<Thread> threadsBefore;

  @BeforeAll
  static void start() {
    threadsBefore = elasticMqThreads();
    long begin = System.nanoTime();
    server = EmbeddedSqs.start(Ports.freePort(), "ca-central-1");
    LOG.info("ElasticMQ start: {} ms", (System.nanoTime() - begin) / 1_000_000);
    sqs = TestClients.client(SqsClient.builder(), server.endpoint());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (sqs != null) {
      sqs.close();
    }
    if (server != null) {
      server.close();
    }
    // Every server of this class is closed: their actor systems' threads end.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Set<Thread> left = elasticMqThreads();
    while (!threadsBefore.containsAll(left) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = elasticMqThreads();
    }
    left.removeAll(threadsBefore);
    assertTrue(left.isEmpty(), "ElasticMQ threads still running after close: " + left);
  }

  private static Set<Thread> elasticMqThreads() {
    Set<Thread> threads = new HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && thread.getName().startsWith("elasticmq-")) {
        threads.add(thread);
      }
    }
    return threads;
  }

  @Test
  void queueUrlsAndArnsNameTheRegionAndAccount() {
    String url = sqs.createQueue(b -> b.queueName("plain")).queueUrl();
    assertEquals(server.endpoint() + "/000000000000/plain", url);
    assertEquals(
        "arn:aws:sqs:ca-central-1:000000000000:plain",
        sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN));
  }

  @Test
  void fifoDeduplicatesKeepsGroupOrderAndRedrivesToTheDeadLetterQueue() {
    String dlqUrl =
        sqs.createQueue(
                b ->
                    b.queueName("dispatch-dlq.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
            .queueUrl();
    String dlqArn =
        sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String url =
        sqs.createQueue(
                b ->
                    b.queueName("dispatch.fifo")
                        .attributes(
                            Map.of(
                                QueueAttributeName.FIFO_QUEUE, "true",
                                QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                                QueueAttributeName.REDRIVE_POLICY,
                                    "{\"deadLetterTargetArn\":\""
                                        + dlqArn
                                        + "\",\"maxReceiveCount\":\"2\"}")))
            .queueUrl();

    String first = send(url, "mrc-10", "sub-1", "{\"id\":\"sub-1\"}");
    assertEquals(first, send(url, "mrc-10", "sub-1", "{\"id\":\"sub-1\"}"), "deduplicated");
    send(url, "mrc-10", "sub-2", "{\"id\":\"sub-2\"}");

    // Receives 1 and 2 of sub-1; while it is in flight, its group gives nothing else.
    for (int receive = 1; receive <= 2; receive++) {
      List<Message> got = receive(url, 1);
      assertEquals(1, got.size(), got.toString());
      Message message = got.get(0);
      assertEquals("{\"id\":\"sub-1\"}", message.body());
      assertEquals("mrc-10", message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
      assertEquals(
          String.valueOf(receive),
          message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
      assertTrue(receive(url, 10).isEmpty(), "group blocked while sub-1 is in flight");
      sqs.changeMessageVisibility(
          b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
    }

    // A third receive exceeds maxReceiveCount: sub-1 moves to the DLQ and sub-2 comes next.
    List<Message> next = receive(url, 10);
    assertEquals(1, next.size(), next.toString());
    assertEquals("{\"id\":\"sub-2\"}", next.get(0).body());
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(next.get(0).receiptHandle()));

    List<Message> dead = receive(dlqUrl, 10);
    assertEquals(1, dead.size(), dead.toString());
    assertEquals("{\"id\":\"sub-1\"}", dead.get(0).body());
    assertEquals(first, dead.get(0).messageId());
  }

  @Test
  void aSecondServerOnTheSamePortFailsClearly() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> EmbeddedSqs.start(server.port(), "ca-central-1"));
    assertTrue(e.getMessage().contains("in use"), e.getMessage());
  }

  @Test
  void closeReleasesThePort() throws IOException {
    EmbeddedSqs other = EmbeddedSqs.start(0, "ca-central-1");
    int port = other.port();
    other.close();
    other.close();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, socket.getLocalPort());
    }
  }

  private static String send(String url, String group, String dedup, String body) {
    return sqs.sendMessage(
            b ->
                b.queueUrl(url)
                    .messageGroupId(group)
                    .messageDeduplicationId(dedup)
                    .messageBody(body))
        .messageId();
  }

  private static List<Message> receive(String url, int max) {
    return sqs.receiveMessage(
            b ->
                b.queueUrl(url)
                    .maxNumberOfMessages(max)
                    .waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
        .messages();
  }
}
