package ca.relais.notify;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.aws.dynamodb.DynamoDbFollowUps;
import ca.relais.aws.dynamodb.DynamoDbRoutingDirectory;
import ca.relais.aws.dynamodb.DynamoDbSentLedger;
import ca.relais.aws.dynamodb.DynamoDbSubmissionStore;
import ca.relais.aws.ses.SesMailer;
import ca.relais.aws.snapstart.SnapStartPriming;
import ca.relais.aws.sqs.SqsDeadLetters;
import ca.relais.core.config.Environment;
import ca.relais.core.followup.FollowUpSettings;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.notify.DeadLetters;
import ca.relais.core.notify.EmailRenderer;
import ca.relais.core.notify.NotifyService;
import ca.relais.core.privacy.NoticeParameters;
import ca.relais.core.privacy.PersonKey;
import ca.relais.core.privacy.PrivacyNotice;
import ca.relais.core.routing.RecipientResolver;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The alert queue → emails. Messages are handled in order; once one fails, the later messages of
 * its MRC (its message group) are reported failed too, so they keep their order, while other MRCs'
 * messages go through. A message that can never succeed (unreadable, naming a submission that no
 * longer exists, or failing the same way at every receive: anything but an AWS error) is set aside
 * in the dead-letter queue at once and its group goes on. When the mail provider does not answer a
 * send in time, nothing more of the batch is tried: each send to a provider that slow may be
 * accepted without an answer and sent again on the retry. The event is read as a {@code Map}
 * ({@link QueueEvent}): no aws-lambda-java-events class, so the runtime's serializer needs no
 * joda-time in this jar.
 */
public final class NotifyHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private static final StructuredLogger LOG = StructuredLogger.forComponent(NotifyHandler.class);

  /** The queue body dispatch writes: {"submissionId":"O-20261123-7K3M9Q2X",...}; ids only. */
  private static final Pattern SUBMISSION_ID =
      Pattern.compile("\"submissionId\"\\s*:\\s*\"([SOR]-\\d{8}-[0-9A-Z]{8})\"");

  private final NotifyService notify;
  private final DeadLetters deadLetters;
  private final SnapStartPriming priming;

  /** Lambda's constructor: real clients from the environment that {@code template.yaml} sets. */
  public NotifyHandler() {
    this(Environment.system());
  }

  private NotifyHandler(Environment environment) {
    this(environment, AwsClientSettings.forFunction(environment));
  }

  private NotifyHandler(Environment environment, AwsClientSettings aws) {
    this(
        service(environment, aws, environment.require("TABLE_NAME")),
        new SqsDeadLetters(
            SqsDeadLetters.client(aws), environment.require("ALERT_DEAD_LETTER_QUEUE_URL")));
  }

  private static NotifyService service(
      Environment environment, AwsClientSettings aws, String table) {
    DynamoDbClient dynamoDb = DynamoDbClients.create(aws);
    return new NotifyService(
        new DynamoDbSubmissionStore(dynamoDb, table, PersonKey.fromEnvironment(environment)),
        new RecipientResolver(
            new DynamoDbRoutingDirectory(
                dynamoDb, table, Clock.systemUTC(), Duration.ofMinutes(1))),
        new EmailRenderer(PrivacyNotice.of(NoticeParameters.fromEnvironment(environment))),
        new SesMailer(
            SesMailer.client(aws),
            environment.require("SENDER_EMAIL"),
            environment.get("REPLY_TO_EMAIL"),
            environment.get("SES_CONFIGURATION_SET")),
        new DynamoDbSentLedger(dynamoDb, table, PersonKey.fromEnvironment(environment)),
        Clock.systemUTC(),
        Duration.ofSeconds(environment.intValue("CLAIM_STALE_SECONDS", 60)),
        FollowUpSettings.takeLinks(environment),
        new DynamoDbFollowUps(dynamoDb, table),
        FollowUpSettings.delays(environment));
  }

  NotifyHandler(NotifyService notify, DeadLetters deadLetters) {
    this.notify = notify;
    this.deadLetters = deadLetters;
    this.priming = SnapStartPriming.register("notify", this::prime);
  }

  /**
   * SnapStart priming (before the snapshot): one alert message through this handler (the read of
   * the submission signed, not sent; the message is then reported failed, which only priming sees).
   */
  void prime() {
    handleRequest(
        Map.of(
            "Records",
            List.of(
                Map.of(
                    "messageId",
                    "priming",
                    "attributes",
                    Map.of("MessageGroupId", "100"),
                    "body",
                    "{\"submissionId\":\"O-20260101-PR1M1NG0\",\"type\":\"OBSERVATION\",\"mrcCode\":\"100\"}"))),
        null);
  }

  /**
   * Handles an SQS batch (see {@link QueueEvent} for its shape) in order.
   *
   * @return Lambda's partial-batch response, {@code {"batchItemFailures": [{"itemIdentifier":
   *     "059f…"}]}}: the messages to receive again (a record without a message id is reported as
   *     {@code ""}, which Lambda takes as the whole batch failed); an empty list when all are done
   * @throws IllegalArgumentException when the event's {@code Records} is not a list (the whole
   *     batch fails)
   */
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    List<Map<String, String>> failures = new ArrayList<>();
    Set<String> failedGroups = new HashSet<>();
    boolean mailerUnresponsive = false;
    for (QueueEvent.Message message : QueueEvent.messages(event)) {
      String group = message.group();
      Result result =
          mailerUnresponsive || failedGroups.contains(group)
              ? Result.FAILED
              : handle(message, group);
      if (result != Result.DONE) {
        mailerUnresponsive |= result == Result.MAILER_UNRESPONSIVE;
        failedGroups.add(group);
        failures.add(Map.of("itemIdentifier", message.messageId()));
      }
    }
    return Map.of("batchItemFailures", failures);
  }

  /** What became of one message. */
  private enum Result {
    DONE,
    FAILED,
    /** Failed, and no other message of the batch is tried: the mail provider does not answer. */
    MAILER_UNRESPONSIVE
  }

  private Result handle(QueueEvent.Message message, String group) {
    if (!message.identified() || message.body().isEmpty()) {
      // a record not read whole: the message stays on the queue as it is (the dead-letter queue
      // takes it, body and all, after 5 receives)
      LOG.error("notify.unreadable_record", "messageId", message.messageId(), "group", group);
      return Result.FAILED;
    }
    Matcher body = SUBMISSION_ID.matcher(message.body().get());
    if (!body.find()) {
      return setAside(message, group, DeadLetters.Reason.UNREADABLE);
    }
    NotifyService.Outcome outcome;
    try {
      outcome = notify.notify(body.group(1));
    } catch (SdkException e) {
      // AWS unreachable, throttled or timed out: a later receive may pass
      LOG.error("notify.failed", e, "messageId", message.messageId());
      return Result.FAILED;
    } catch (RuntimeException e) {
      // the same fault at every receive (a stored submission that cannot be read...)
      LOG.error("notify.unprocessable", e, "messageId", message.messageId());
      return setAside(message, group, DeadLetters.Reason.UNPROCESSABLE);
    }
    return switch (outcome) {
      case DONE -> Result.DONE;
      case RETRY -> Result.FAILED;
      case MAILER_UNRESPONSIVE -> Result.MAILER_UNRESPONSIVE;
      case SUBMISSION_GONE -> setAside(message, group, DeadLetters.Reason.SUBMISSION_GONE);
    };
  }

  /**
   * A message that can never succeed leaves the queue now and its group goes on; if it cannot be
   * set aside, it fails and stays on the queue (the dead-letter queue takes it after 5 receives).
   */
  private Result setAside(QueueEvent.Message message, String group, DeadLetters.Reason reason) {
    try {
      deadLetters.setAside(message.messageId(), group, message.body().orElseThrow(), reason);
    } catch (RuntimeException e) {
      LOG.error("notify.set_aside_failed", e, "messageId", message.messageId());
      return Result.FAILED;
    }
    LOG.error(
        "notify.set_aside", "messageId", message.messageId(), "group", group, "reason", reason);
    return Result.DONE;
  }
}
