package ca.relais.dispatch;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.aws.dynamodb.DynamoDbSubmissionRoutes;
import ca.relais.aws.snapstart.SnapStartPriming;
import ca.relais.aws.sqs.SqsAlertQueue;
import ca.relais.core.config.Environment;
import ca.relais.core.dispatch.DispatchService;
import ca.relais.core.dispatch.StreamChange;
import ca.relais.core.log.StructuredLogger;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table's stream → the FIFO alert queue. Reports the first record that could not be queued (or
 * read), so that the stream is read again from there (and only there). The event is read as a
 * {@code Map} ({@link StreamEvent}): no aws-lambda-java-events class, so the runtime's serializer
 * needs no joda-time in this jar.
 */
public final class DispatchHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private static final StructuredLogger LOG = StructuredLogger.forComponent(DispatchHandler.class);

  private final DispatchService dispatch;
  private final SnapStartPriming priming;

  /** Lambda's constructor: real clients from the environment that {@code template.yaml} sets. */
  public DispatchHandler() {
    this(Environment.system());
  }

  private DispatchHandler(Environment environment) {
    this(
        new DispatchService(
            new SqsAlertQueue(
                SqsAlertQueue.client(AwsClientSettings.forFunction(environment)),
                environment.require("ALERT_QUEUE_URL")),
            new DynamoDbSubmissionRoutes(
                DynamoDbClients.create(AwsClientSettings.forFunction(environment)),
                environment.require("TABLE_NAME"))));
  }

  DispatchHandler(DispatchService dispatch) {
    this.dispatch = dispatch;
    this.priming = SnapStartPriming.register("dispatch", this::prime);
  }

  /**
   * SnapStart priming (before the snapshot): one new observation in a stream batch, through this
   * handler (the queue's send signed, not sent).
   */
  void prime() {
    Map<String, Object> record =
        Map.of(
            "eventName",
            "INSERT",
            "dynamodb",
            Map.of(
                "SequenceNumber",
                "1",
                "NewImage",
                Map.of(
                    "recordType", Map.of("S", "SUBMISSION"),
                    "id", Map.of("S", "O-20260101-PR1M1NG0"),
                    "submissionType", Map.of("S", "OBSERVATION"),
                    "mrcCode", Map.of("S", "100"))));
    handleRequest(Map.of("Records", List.of(record)), null);
  }

  /**
   * Dispatches a stream batch (see {@link StreamEvent} for its shape) in order.
   *
   * @return Lambda's partial-batch response, {@code {"batchItemFailures": [{"itemIdentifier":
   *     "111"}]}}: the sequence number of the first record that could not be queued or could not be
   *     read (the later records are left for the retry, which starts there); an empty list when all
   *     are done. A record without a sequence number is reported as {@code ""}, which Lambda takes
   *     as the whole batch failed.
   * @throws IllegalArgumentException when the event's {@code Records} is not a list (the whole
   *     batch fails)
   */
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    List<StreamChange> changes = new ArrayList<>();
    Optional<String> unreadable = Optional.empty();
    for (StreamEvent.Record record : StreamEvent.records(event)) {
      if (record.change().isEmpty()) {
        LOG.error("dispatch.unreadable_record", "sequence", record.sequenceNumber());
        unreadable = Optional.of(record.sequenceNumber());
        break;
      }
      changes.add(record.change().get());
    }
    Optional<String> failed = dispatch.dispatch(changes);
    if (failed.isEmpty()) {
      failed = unreadable;
    }
    return Map.of(
        "batchItemFailures",
        failed.map(sequence -> List.of(Map.of("itemIdentifier", sequence))).orElse(List.of()));
  }
}
