package ca.relais.delivery;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.aws.dynamodb.DynamoDbSentLedger;
import ca.relais.aws.snapstart.SnapStartPriming;
import ca.relais.core.config.Environment;
import ca.relais.core.delivery.DeliveryEventService;
import ca.relais.core.privacy.PersonKey;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * SES delivery events (through the configuration set's SNS topic) into the sent ledger: a bounced
 * or rejected alert is then listed in the Monday digest and never sent to that address again. A
 * ledger failure fails the invocation, and Lambda retries the event.
 */
public final class DeliveryEventHandler implements RequestHandler<SNSEvent, Map<String, Integer>> {

  private final DeliveryEventService deliveries;
  private final SnapStartPriming priming;

  /** Lambda's constructor: real clients from the environment that {@code template.yaml} sets. */
  public DeliveryEventHandler() {
    this(Environment.system());
  }

  private DeliveryEventHandler(Environment environment) {
    this(
        new DeliveryEventService(
            new DynamoDbSentLedger(
                DynamoDbClients.create(AwsClientSettings.forFunction(environment)),
                environment.require("TABLE_NAME"),
                PersonKey.fromEnvironment(environment)),
            Clock.systemUTC()));
  }

  DeliveryEventHandler(DeliveryEventService deliveries) {
    this.deliveries = deliveries;
    this.priming = SnapStartPriming.register("delivery", this::prime);
  }

  /**
   * SnapStart priming (before the snapshot): a permanent bounce of a made-up alert through this
   * handler (the ledger's update signed, not sent).
   */
  void prime() {
    SNSEvent.SNS sns = new SNSEvent.SNS();
    sns.setMessage(
        """
        {"eventType": "Bounce", "bounce": {"bounceType": "Permanent", "bouncedRecipients": \
        [{"emailAddress": "priming@example.invalid"}]}, "mail": {"messageId": "priming", \
        "tags": {"relais-submission": ["O-20260101-PR1M1NG0"], "relais-kind": ["alert"], \
        "relais-recipient": ["0000000000000000000000000000000000000000000000000000000000000000"]}}}""");
    SNSEvent.SNSRecord record = new SNSEvent.SNSRecord();
    record.setSns(sns);
    SNSEvent event = new SNSEvent();
    event.setRecords(List.of(record));
    handleRequest(event, null);
  }

  /** Returns how many events had each outcome (for the logs of the invocation). */
  @Override
  public Map<String, Integer> handleRequest(SNSEvent event, Context context) {
    Map<DeliveryEventService.Outcome, Integer> outcomes =
        new EnumMap<>(DeliveryEventService.Outcome.class);
    if (event != null && event.getRecords() != null) {
      for (SNSEvent.SNSRecord record : event.getRecords()) {
        String message = record.getSNS() == null ? null : record.getSNS().getMessage();
        DeliveryEventService.Outcome outcome =
            message == null ? DeliveryEventService.Outcome.MALFORMED : deliveries.record(message);
        outcomes.merge(outcome, 1, Integer::sum);
      }
    }
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    outcomes.forEach((outcome, count) -> counts.put(outcome.name().toLowerCase(), count));
    return counts;
  }
}
