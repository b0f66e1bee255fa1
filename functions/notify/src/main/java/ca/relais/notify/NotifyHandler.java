package ca.relais.notify;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.aws.dynamodb.DynamoDbRoutingDirectory;
import ca.relais.aws.dynamodb.DynamoDbSentLedger;
import ca.relais.aws.dynamodb.DynamoDbSubmissionStore;
import ca.relais.aws.ses.SesMailer;
import ca.relais.aws.snapstart.SnapStartPriming;
import ca.relais.core.config.Environment;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.notify.EmailRenderer;
import ca.relais.core.notify.NotifyService;
import ca.relais.core.routing.RecipientResolver;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The alert queue → emails. Messages are handled in order; once one fails, the later messages of
 * its MRC (its message group) are reported failed too, so they keep their order, while other MRCs'
 * messages go through.
 */
public final class NotifyHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private static final StructuredLogger LOG = StructuredLogger.forComponent(NotifyHandler.class);

  /** The queue body dispatch writes: {"submissionId":"O-20261123-7K3M9Q2X",...}; ids only. */
  private static final Pattern SUBMISSION_ID =
      Pattern.compile("\"submissionId\"\\s*:\\s*\"([SO]-\\d{8}-[0-9A-Z]{8})\"");

  private final NotifyService notify;
  private final SnapStartPriming priming;

  /** Lambda's constructor: real clients from the environment that {@code template.yaml} sets. */
  public NotifyHandler() {
    this(Environment.system());
  }

  private NotifyHandler(Environment environment) {
    this(
        service(
            environment,
            AwsClientSettings.fromEnvironment(environment),
            environment.require("TABLE_NAME")));
  }

  private static NotifyService service(
      Environment environment, AwsClientSettings aws, String table) {
    DynamoDbClient dynamoDb = DynamoDbClients.create(aws);
    return new NotifyService(
        new DynamoDbSubmissionStore(dynamoDb, table),
        new RecipientResolver(
            new DynamoDbRoutingDirectory(
                dynamoDb, table, Clock.systemUTC(), Duration.ofMinutes(1))),
        new EmailRenderer(),
        new SesMailer(
            SesMailer.client(aws),
            environment.require("SENDER_EMAIL"),
            environment.get("REPLY_TO_EMAIL"),
            environment.get("SES_CONFIGURATION_SET")),
        new DynamoDbSentLedger(dynamoDb, table),
        Clock.systemUTC(),
        Duration.ofSeconds(environment.intValue("CLAIM_STALE_SECONDS", 60)));
  }

  NotifyHandler(NotifyService notify) {
    this.notify = notify;
    this.priming = SnapStartPriming.register("notify", this::prime);
  }

  /**
   * SnapStart priming (before the snapshot): one alert message through this handler (the read of
   * the submission signed, not sent; the message is then reported failed, which only priming sees).
   */
  void prime() {
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setMessageId("priming");
    message.setAttributes(Map.of("MessageGroupId", "100"));
    message.setBody(
        "{\"submissionId\":\"O-20260101-PR1M1NG0\",\"type\":\"OBSERVATION\",\"mrcCode\":\"100\"}");
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(message));
    handleRequest(event, null);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    Set<String> failedGroups = new HashSet<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      String group =
          Optional.ofNullable(message.getAttributes()).map(a -> a.get("MessageGroupId")).orElse("");
      boolean ok = !failedGroups.contains(group) && handle(message);
      if (!ok) {
        failedGroups.add(group);
        failures.add(
            SQSBatchResponse.BatchItemFailure.builder()
                .withItemIdentifier(message.getMessageId())
                .build());
      }
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  private boolean handle(SQSEvent.SQSMessage message) {
    try {
      Matcher body = SUBMISSION_ID.matcher(message.getBody() == null ? "" : message.getBody());
      if (!body.find()) {
        LOG.error("notify.malformed_message", "messageId", message.getMessageId());
        return false;
      }
      return notify.notify(body.group(1)) == NotifyService.Outcome.DONE;
    } catch (Exception e) {
      LOG.error("notify.failed", e, "messageId", message.getMessageId());
      return false;
    }
  }
}
