package ca.relais.local.template;

import java.util.List;
import java.util.Optional;

/** An {@code AWS::DynamoDB::Table}: keys, indexes, stream and TTL. */
public record TableDef(
    String logicalId,
    Optional<String> tableName,
    List<Attribute> attributes,
    List<Key> keySchema,
    List<Index> globalIndexes,
    Optional<String> streamViewType,
    Optional<String> ttlAttribute) {

  /** An attribute definition. */
  public record Attribute(String name, String type) {}

  /** A key element: HASH or RANGE. */
  public record Key(String name, String keyType) {}

  /** A global secondary index. */
  public record Index(String name, List<Key> keys, String projectionType) {}
}
