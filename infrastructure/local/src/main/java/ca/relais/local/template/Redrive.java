package ca.relais.local.template;

/**
 * A queue's {@code RedrivePolicy}: where a message goes after {@code maxReceiveCount} receives.
 *
 * @param deadLetterQueueLogicalId the queue of {@code deadLetterTargetArn: !GetAtt Dlq.Arn}
 * @param maxReceiveCount {@code maxReceiveCount}
 */
public record Redrive(String deadLetterQueueLogicalId, int maxReceiveCount) {}
