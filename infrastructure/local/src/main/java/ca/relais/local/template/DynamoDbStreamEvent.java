package ca.relais.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code DynamoDB} event: an event source mapping on a table's stream.
 *
 * @param name the event's name
 * @param tableLogicalId the table of {@code Stream: !GetAtt Table.StreamArn}
 * @param batchSize {@code BatchSize} (100 by default)
 * @param startingPosition {@code StartingPosition}: {@code TRIM_HORIZON} or {@code LATEST} (the
 *     default when absent)
 * @param reportBatchItemFailures whether {@code FunctionResponseTypes} holds {@code
 *     ReportBatchItemFailures}
 * @param maximumRetryAttempts {@code MaximumRetryAttempts}; -1 (the default) retries until the
 *     record expires
 * @param bisectBatchOnFunctionError {@code BisectBatchOnFunctionError}
 * @param filterPatterns each {@code FilterCriteria.Filters[].Pattern}, parsed from its JSON
 * @param maximumBatchingWindowSeconds {@code MaximumBatchingWindowInSeconds} (0 by default)
 * @param onFailureQueueLogicalId the queue of {@code DestinationConfig.OnFailure.Destination:
 *     !GetAtt Queue.Arn}, where the records given up on are described
 */
public record DynamoDbStreamEvent(
    String name,
    String tableLogicalId,
    int batchSize,
    String startingPosition,
    boolean reportBatchItemFailures,
    int maximumRetryAttempts,
    boolean bisectBatchOnFunctionError,
    List<Map<String, Object>> filterPatterns,
    int maximumBatchingWindowSeconds,
    Optional<String> onFailureQueueLogicalId)
    implements EventSourceDef {}
