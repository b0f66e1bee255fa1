package ca.relais.aws.dynamodb;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the {@code KEYCHECK} item: the check ({@link ca.relais.core.privacy.PersonKey#check()}) of
 * the person key the functions use, stored by intake's first save of each container.
 */
public final class DynamoDbKeyCheck {

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public DynamoDbKeyCheck(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  /** The stored check, 64 hex digits; empty before the first submission was saved. */
  public Optional<String> stored() {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(tableName)
                        .consistentRead(true)
                        .key(
                            Map.of(
                                TableLayout.PK, AttributeValue.fromS(TableLayout.KEY_CHECK),
                                TableLayout.SK, AttributeValue.fromS(TableLayout.KEY_CHECK))))
            .item();
    return Optional.ofNullable(item).map(i -> i.get(TableLayout.CHECK)).map(AttributeValue::s);
  }
}
