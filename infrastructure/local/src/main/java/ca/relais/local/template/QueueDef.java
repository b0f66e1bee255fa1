package ca.relais.local.template;

import java.util.Optional;

/** An {@code AWS::SQS::Queue}. */
public record QueueDef(
    String logicalId,
    Optional<String> queueName,
    boolean fifo,
    boolean contentBasedDeduplication,
    int visibilityTimeoutSeconds,
    int messageRetentionSeconds,
    Optional<Redrive> redrive) {

  /** Where messages go after {@code maxReceiveCount} receives. */
  public record Redrive(String deadLetterQueueLogicalId, int maxReceiveCount) {}

  /** The name the queue gets locally: QueueName, else the logical id (+ ".fifo"). */
  public String localName() {
    return queueName.orElse(fifo ? logicalId + ".fifo" : logicalId);
  }
}
