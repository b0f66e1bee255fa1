package ca.relais.local.template;

/**
 * An {@code SQS} event: an event source mapping on a queue.
 *
 * @param name the event's name
 * @param queueLogicalId the queue of {@code Queue: !GetAtt Queue.Arn}
 * @param batchSize {@code BatchSize} (10 by default)
 * @param reportBatchItemFailures whether {@code FunctionResponseTypes} holds {@code
 *     ReportBatchItemFailures}
 * @param maximumBatchingWindowSeconds {@code MaximumBatchingWindowInSeconds} (0 by default)
 */
public record SqsEvent(
    String name,
    String queueLogicalId,
    int batchSize,
    boolean reportBatchItemFailures,
    int maximumBatchingWindowSeconds)
    implements EventSourceDef {}
