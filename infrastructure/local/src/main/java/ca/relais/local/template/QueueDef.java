package ca.relais.local.template;

import java.util.Optional;

/**
 * An {@code AWS::SQS::Queue}.
 *
 * @param logicalId the queue's logical id
 * @param queueName {@code QueueName}, when the template sets one (resolved when it is text or a
 *     parameter; other expressions are resolved by {@link LocalProvisioner})
 * @param fifo {@code FifoQueue}
 * @param contentBasedDeduplication {@code ContentBasedDeduplication}
 * @param visibilityTimeoutSeconds {@code VisibilityTimeout} (30 by default)
 * @param messageRetentionSeconds {@code MessageRetentionPeriod} (345,600: 4 days, by default)
 * @param redrive {@code RedrivePolicy}, when the queue has a dead-letter queue
 */
public record QueueDef(
    String logicalId,
    Optional<String> queueName,
    boolean fifo,
    boolean contentBasedDeduplication,
    int visibilityTimeoutSeconds,
    int messageRetentionSeconds,
    Optional<Redrive> redrive) {

  /**
   * The queue's name on the local emulator: {@code QueueName}, else the logical id; with {@code
   * .fifo} at the end for a FIFO queue.
   */
  public String localName() {
    return localName(queueName.orElse(logicalId), fifo);
  }

  static String localName(String base, boolean fifo) {
    return fifo && !base.endsWith(".fifo") ? base + ".fifo" : base;
  }
}
