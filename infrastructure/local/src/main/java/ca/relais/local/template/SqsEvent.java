package ca.relais.local.template;

/** An {@code SQS} event source mapping. */
public record SqsEvent(
    String name, String queueLogicalId, int batchSize, boolean reportBatchItemFailures)
    implements EventSourceDef {}
