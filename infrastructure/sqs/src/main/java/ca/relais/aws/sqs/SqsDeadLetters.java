package ca.relais.aws.sqs;

import ca.relais.aws.AwsClientSettings;
import ca.relais.core.notify.DeadLetters;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The alert queue's dead-letter queue (SQS FIFO), written by notify for a message that can never
 * succeed: the same body and group, deduplicated by the original message id, with two message
 * attributes for the operator: {@code relais-reason} ({@code unreadable}, {@code submission-gone},
 * {@code unprocessable}) and {@code relais-source-message-id}. The queue's alarm fires as for a
 * message moved there after its last receive; a redrive puts it back on the alert queue.
 */
public final class SqsDeadLetters implements DeadLetters {

  /** The group of a message that had none (FIFO queues require one). */
  static final String NO_GROUP = "none";

  /** SQS refuses an empty body. */
  static final String EMPTY_BODY = "(empty)";

  private final SqsClient sqs;
  private final String queueUrl;

  public SqsDeadLetters(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  public static SqsClient client(AwsClientSettings settings) {
    return settings.build(SqsClient.builder(), "SQS");
  }

  @Override
  public void setAside(String messageId, String group, String body, Reason reason) {
    String code = reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    sqs.sendMessage(
        r ->
            r.queueUrl(queueUrl)
                .messageGroupId(group.isEmpty() ? NO_GROUP : group)
                .messageDeduplicationId(messageId)
                .messageBody(body.isEmpty() ? EMPTY_BODY : body)
                .messageAttributes(
                    Map.of(
                        "relais-reason", text(code),
                        "relais-source-message-id", text(messageId))));
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
