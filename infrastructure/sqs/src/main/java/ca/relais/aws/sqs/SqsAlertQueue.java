package ca.relais.aws.sqs;

import ca.relais.aws.AwsClientSettings;
import ca.relais.core.dispatch.AlertQueue;
import ca.relais.core.dispatch.AlertRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The alert queue on SQS FIFO: group = MRC code (ASCII digits, never a name), deduplication id =
 * submission id, body = ids and codes only.
 */
public final class SqsAlertQueue implements AlertQueue {

  private final SqsClient sqs;
  private final String queueUrl;

  public SqsAlertQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  public static SqsClient client(AwsClientSettings settings) {
    return settings.build(SqsClient.builder(), "SQS");
  }

  @Override
  public Set<String> enqueue(List<AlertRequest> alerts) {
    Set<String> failed = new HashSet<>();
    for (int start = 0; start < alerts.size(); start += 10) {
      List<AlertRequest> chunk = alerts.subList(start, Math.min(start + 10, alerts.size()));
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        AlertRequest alert = chunk.get(i);
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id(String.valueOf(i))
                .messageGroupId(alert.mrcCode())
                .messageDeduplicationId(alert.submissionId())
                .messageBody(
                    "{\"submissionId\":\""
                        + alert.submissionId()
                        + "\",\"type\":\""
                        + alert.type().name()
                        + "\",\"mrcCode\":\""
                        + alert.mrcCode()
                        + "\"}")
                .build());
      }
      try {
        for (BatchResultErrorEntry error :
            sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed()) {
          failed.add(chunk.get(Integer.parseInt(error.id())).submissionId());
        }
      } catch (SdkException e) {
        chunk.forEach(a -> failed.add(a.submissionId()));
      }
    }
    return failed;
  }
}
