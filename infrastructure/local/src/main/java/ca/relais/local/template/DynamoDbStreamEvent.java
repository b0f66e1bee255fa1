package ca.relais.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@code DynamoDB} stream event source mapping. */
public record DynamoDbStreamEvent(
    String name,
    String tableLogicalId,
    int batchSize,
    String startingPosition,
    boolean reportBatchItemFailures,
    int maximumRetryAttempts,
    boolean bisectBatchOnFunctionError,
    List<Map<String, Object>> filterPatterns,
    Optional<String> onFailureQueueLogicalId)
    implements EventSourceDef {}
