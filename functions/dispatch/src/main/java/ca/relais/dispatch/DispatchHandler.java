package ca.relais.dispatch;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.aws.dynamodb.DynamoDbSubmissionRoutes;
import ca.relais.aws.snapstart.SnapStartPriming;
import ca.relais.aws.sqs.SqsAlertQueue;
import ca.relais.core.config.Environment;
import ca.relais.core.dispatch.DispatchService;
import ca.relais.core.dispatch.StreamChange;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table's stream → the FIFO alert queue. Reports the first record that could not be queued, so
 * that the stream is read again from there (and only there).
 */
public final class DispatchHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

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
                SqsAlertQueue.client(AwsClientSettings.fromEnvironment(environment)),
                environment.require("ALERT_QUEUE_URL")),
            new DynamoDbSubmissionRoutes(
                DynamoDbClients.create(AwsClientSettings.fromEnvironment(environment)),
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
    DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
    record.setEventName("INSERT");
    record.setDynamodb(
        new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord()
            .withSequenceNumber("1")
            .withNewImage(
                Map.of(
                    "recordType", new AttributeValue("SUBMISSION"),
                    "id", new AttributeValue("O-20260101-PR1M1NG0"),
                    "submissionType", new AttributeValue("OBSERVATION"),
                    "mrcCode", new AttributeValue("100"))));
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(List.of(record));
    handleRequest(event, null);
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    List<StreamChange> changes = event.getRecords().stream().map(DispatchHandler::change).toList();
    return StreamsEventResponse.builder()
        .withBatchItemFailures(
            dispatch
                .dispatch(changes)
                .map(
                    sequence ->
                        List.of(
                            StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(sequence)
                                .build()))
                .orElse(List.of()))
        .build();
  }

  /**
   * A stream record: keys only ({@code KEYS_ONLY}, the template's view) give the submission id from
   * {@code pk = SUB#{id}} and the record type from {@code sk}; a record with a new image (older
   * stream view) gives its attributes.
   */
  private static StreamChange change(DynamodbEvent.DynamodbStreamRecord record) {
    Map<String, AttributeValue> image =
        Optional.ofNullable(record.getDynamodb().getNewImage()).orElse(Map.of());
    Map<String, AttributeValue> keys =
        Optional.ofNullable(record.getDynamodb().getKeys()).orElse(Map.of());
    Optional<String> recordType = text(image, "recordType").or(() -> text(keys, "sk"));
    Optional<String> id =
        text(image, "id")
            .or(
                () ->
                    text(keys, "pk")
                        .filter(pk -> pk.startsWith("SUB#"))
                        .map(pk -> pk.substring("SUB#".length())));
    return new StreamChange(
        record.getDynamodb().getSequenceNumber(),
        "INSERT".equals(record.getEventName()),
        recordType,
        id,
        text(image, "submissionType"),
        text(image, "mrcCode"));
  }

  private static Optional<String> text(Map<String, AttributeValue> image, String name) {
    return Optional.ofNullable(image.get(name)).map(AttributeValue::getS);
  }
}
