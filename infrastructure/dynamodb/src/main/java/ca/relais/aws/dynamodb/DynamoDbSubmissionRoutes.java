package ca.relais.aws.dynamodb;

import ca.relais.core.dispatch.AlertRequest;
import ca.relais.core.dispatch.SubmissionRoutes;
import ca.relais.core.model.SubmissionType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The type and MRC of a submission: one consistent {@code GetItem} that projects the submission's
 * technical attributes only (type, MRC code, retention, withdrawal), never its personal ones.
 */
public final class DynamoDbSubmissionRoutes implements SubmissionRoutes {

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public DynamoDbSubmissionRoutes(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  @Override
  public Optional<AlertRequest> alertFor(String submissionId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(tableName)
                        .consistentRead(true)
                        .key(
                            Map.of(
                                TableLayout.PK,
                                AttributeValue.fromS(TableLayout.submissionPk(submissionId)),
                                TableLayout.SK,
                                AttributeValue.fromS(TableLayout.SUBMISSION)))
                        .projectionExpression("#type, mrcCode, #expires, withdrawnAt")
                        .expressionAttributeNames(
                            Map.of("#type", "submissionType", "#expires", TableLayout.EXPIRES_AT)))
            .item();
    if (item == null
        || item.isEmpty()
        || SubmissionItems.outOfUse(item, Instant.now())
        || !item.containsKey("mrcCode")
        || !item.containsKey("submissionType")) {
      return Optional.empty();
    }
    return Optional.of(
        new AlertRequest(
            submissionId,
            SubmissionType.valueOf(item.get("submissionType").s()),
            item.get("mrcCode").s()));
  }
}
