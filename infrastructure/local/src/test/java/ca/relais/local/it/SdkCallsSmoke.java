package ca.relais.local.it;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.ses.SesMailer;
import ca.relais.aws.sqs.SqsAlertQueue;
import ca.relais.aws.sqs.SqsDeadLetters;
import ca.relais.core.config.Environment;
import ca.relais.core.dispatch.AlertRequest;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.notify.DeadLetters;
import ca.relais.core.notify.EmailMessage;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs in a fresh JVM whose classpath is one function's shaded jar: every SES v2 and SQS call
 * Relais makes, once each, against the local emulators (an email with tags, a message set aside in
 * a dead-letter queue, a batch of alerts, a batch with one entry SQS refuses, and a batch to a
 * queue that does not exist, which SQS answers with an error). Prints one line per call: {@code
 * SENT <id>}, {@code SET_ASIDE}, {@code ENQUEUED failed=0}, {@code PARTIAL failed=1} (a batch SQS
 * takes but for one entry), {@code MISSING_QUEUE failed=1}.
 */
public final class SdkCallsSmoke {

  private SdkCallsSmoke() {}

  public static void main(String[] args) throws Exception {
    Environment environment = Environment.system();
    AwsClientSettings aws = AwsClientSettings.forOperator(environment);
    String messageId =
        new SesMailer(
                SesMailer.client(aws),
                environment.require("SENDER_EMAIL"),
                environment.get("REPLY_TO_EMAIL"),
                environment.get("SES_CONFIGURATION_SET"))
            .send(
                new EmailMessage(
                    environment.require("SMOKE_RECIPIENT"),
                    "Relais : essai",
                    "<p>Essai</p>",
                    "Essai",
                    Map.of("relais-kind", "smoke")));
    System.out.println("SENT " + messageId);
    SqsClient sqs = SqsDeadLetters.client(aws);
    new SqsDeadLetters(sqs, environment.require("ALERT_DEAD_LETTER_QUEUE_URL"))
        .setAside("smoke-message", "100", "not json", DeadLetters.Reason.UNREADABLE);
    System.out.println("SET_ASIDE");
    List<AlertRequest> alerts =
        List.of(new AlertRequest("O-20261123-SM0KE000", SubmissionType.OBSERVATION, "100"));
    System.out.println(
        "ENQUEUED failed="
            + new SqsAlertQueue(sqs, environment.require("ALERT_QUEUE_URL"))
                .enqueue(alerts)
                .size());
    // a message group id SQS refuses (over 128 characters): that entry alone fails
    System.out.println(
        "PARTIAL failed="
            + new SqsAlertQueue(sqs, environment.require("ALERT_QUEUE_URL"))
                .enqueue(
                    List.of(
                        new AlertRequest("O-20261123-SM0KE001", SubmissionType.OBSERVATION, "100"),
                        new AlertRequest(
                            "O-20261123-SM0KE002", SubmissionType.OBSERVATION, "1".repeat(300))))
                .size());
    System.out.println(
        "MISSING_QUEUE failed="
            + new SqsAlertQueue(sqs, environment.require("MISSING_QUEUE_URL"))
                .enqueue(alerts)
                .size());
  }
}
