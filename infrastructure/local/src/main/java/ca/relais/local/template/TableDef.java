package ca.relais.local.template;

import java.util.List;
import java.util.Optional;

/**
 * An {@code AWS::DynamoDB::Table} or {@code AWS::Serverless::SimpleTable}.
 *
 * @param logicalId the table's logical id
 * @param tableName {@code TableName}, when the template sets one (resolved when it is text or a
 *     parameter; other expressions are resolved by {@link LocalProvisioner})
 * @param attributes {@code AttributeDefinitions} (a SimpleTable's {@code PrimaryKey})
 * @param keySchema {@code KeySchema} (a SimpleTable's {@code PrimaryKey}, as HASH)
 * @param globalIndexes {@code GlobalSecondaryIndexes}
 * @param streamViewType {@code StreamSpecification.StreamViewType}, when the table has a stream
 * @param ttlAttribute {@code TimeToLiveSpecification.AttributeName}, when TTL is enabled
 */
public record TableDef(
    String logicalId,
    Optional<String> tableName,
    List<AttrDef> attributes,
    List<KeyDef> keySchema,
    List<IndexDef> globalIndexes,
    Optional<String> streamViewType,
    Optional<String> ttlAttribute) {}
