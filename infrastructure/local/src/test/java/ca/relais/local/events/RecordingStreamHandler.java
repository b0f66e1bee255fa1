package ca.relais.local.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test stream function. Each record is identified by its key {@code pk}. A record whose new image
 * has {@code throwTimes} = n makes the first n invocations that hold it throw (a function error,
 * before anything is processed); one with {@code failTimes} = n is reported as a batch item failure
 * in its first n invocations (the records after it in the batch are then left alone, as a stream
 * handler must).
 */
public class RecordingStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  /** The keys processed, in order. */
  static final List<String> DELIVERED = new CopyOnWriteArrayList<>();

  /** The keys of each invocation's batch. */
  static final List<List<String>> BATCHES = new CopyOnWriteArrayList<>();

  /** Every record received, as deserialized by the Lambda runtime's serializers. */
  static final List<DynamodbEvent.DynamodbStreamRecord> RECEIVED = new CopyOnWriteArrayList<>();

  /** How many invocations held each key. */
  static final Map<String, Integer> ATTEMPTS = new ConcurrentHashMap<>();

  static void reset() {
    DELIVERED.clear();
    BATCHES.clear();
    RECEIVED.clear();
    ATTEMPTS.clear();
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
    BATCHES.add(records.stream().map(RecordingStreamHandler::pk).toList());
    RECEIVED.addAll(records);
    for (DynamodbEvent.DynamodbStreamRecord record : records) {
      int attempt = ATTEMPTS.merge(pk(record), 1, Integer::sum);
      if (attempt <= number(record, "throwTimes")) {
        throw new IllegalStateException("failing on purpose");
      }
    }
    for (DynamodbEvent.DynamodbStreamRecord record : records) {
      if (ATTEMPTS.get(pk(record)) <= number(record, "failTimes")) {
        return StreamsEventResponse.builder()
            .withBatchItemFailures(
                List.of(
                    StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getDynamodb().getSequenceNumber())
                        .build()))
            .build();
      }
      DELIVERED.add(pk(record));
    }
    return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
  }

  private static String pk(DynamodbEvent.DynamodbStreamRecord record) {
    return record.getDynamodb().getKeys().get("pk").getS();
  }

  private static int number(DynamodbEvent.DynamodbStreamRecord record, String name) {
    Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
    if (image == null || !image.containsKey(name)) {
      return 0;
    }
    return Integer.parseInt(image.get(name).getN());
  }
}
