package ca.relais.local.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test function: records "group:body"; a body starting with "poison" always fails. */
public class RecordingSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  static final List<String> DELIVERED = new CopyOnWriteArrayList<>();
  static final List<String> RECEIVE_COUNTS = new CopyOnWriteArrayList<>();

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      RECEIVE_COUNTS.add(
          message.getBody() + "#" + message.getAttributes().get("ApproximateReceiveCount"));
      if (message.getBody().startsWith("poison")) {
        failures.add(
            SQSBatchResponse.BatchItemFailure.builder()
                .withItemIdentifier(message.getMessageId())
                .build());
      } else {
        DELIVERED.add(message.getAttributes().get("MessageGroupId") + ":" + message.getBody());
      }
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }
}
