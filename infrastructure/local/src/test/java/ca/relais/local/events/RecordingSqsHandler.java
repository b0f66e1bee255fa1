package ca.relais.local.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test queue function, FIFO-correct: records "group:body"; a body starting with "poison" always
 * fails, and so do the later messages of its group in the batch (as AWS advises for FIFO queues); a
 * batch holding a body starting with "crash" on its first receive throws (a function error).
 */
public class RecordingSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  /** "group:body" of each message processed, in order. */
  static final List<String> DELIVERED = new CopyOnWriteArrayList<>();

  /** Every message received, as deserialized by the Lambda runtime's serializers. */
  static final List<SQSEvent.SQSMessage> RECEIVED = new CopyOnWriteArrayList<>();

  /** "body#ApproximateReceiveCount@epochMillis" of every message received. */
  static final List<String> RECEIPTS = new CopyOnWriteArrayList<>();

  static void reset() {
    DELIVERED.clear();
    RECEIVED.clear();
    RECEIPTS.clear();
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    long now = System.currentTimeMillis();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      RECEIVED.add(message);
      RECEIPTS.add(message.getBody() + "#" + receiveCount(message) + "@" + now);
    }
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      if (message.getBody().startsWith("crash") && receiveCount(message) == 1) {
        throw new IllegalStateException("failing on purpose");
      }
    }
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    Set<String> failedGroups = new HashSet<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      String group = message.getAttributes().get("MessageGroupId");
      if (message.getBody().startsWith("poison") || failedGroups.contains(group)) {
        failedGroups.add(group);
        failures.add(
            SQSBatchResponse.BatchItemFailure.builder()
                .withItemIdentifier(message.getMessageId())
                .build());
      } else {
        DELIVERED.add(group + ":" + message.getBody());
      }
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  static int receiveCount(SQSEvent.SQSMessage message) {
    return Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount"));
  }
}
