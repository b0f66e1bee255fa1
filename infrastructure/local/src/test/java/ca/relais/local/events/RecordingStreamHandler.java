package ca.relais.local.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test function: records the pk of each stream record; fails a record {@code failTimes} times.
 */
public class RecordingStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  static final List<String> DELIVERED = new CopyOnWriteArrayList<>();
  static final List<Integer> BATCH_SIZES = new CopyOnWriteArrayList<>();
  static final Map<String, Integer> ATTEMPTS = new ConcurrentHashMap<>();

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    BATCH_SIZES.add(event.getRecords().size());
    for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
      var image = record.getDynamodb().getNewImage();
      String pk = image.get("pk").getS();
      int attempt = ATTEMPTS.merge(pk, 1, Integer::sum);
      int failTimes =
          image.containsKey("failTimes") ? Integer.parseInt(image.get("failTimes").getN()) : 0;
      if (attempt <= failTimes) {
        return StreamsEventResponse.builder()
            .withBatchItemFailures(
                List.of(
                    StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getDynamodb().getSequenceNumber())
                        .build()))
            .build();
      }
      DELIVERED.add(pk);
    }
    return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
  }
}
