package ca.relais.aws.dynamodb;

import ca.relais.core.digest.SubmissionHistory;
import ca.relais.core.model.Submission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One MRC's submissions over a time range: a paginated Query on the {@code ByMrcTime} index ({@code
 * gsi1pk = MRC#code}, {@code gsi1sk} between the two instants). The cost grows with the range read,
 * never with the table's history.
 */
public final class DynamoDbSubmissionHistory implements SubmissionHistory {

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public DynamoDbSubmissionHistory(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  @Override
  public List<Submission> ofMrc(String mrcCode, Instant from, Instant to) {
    List<Submission> submissions = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            r ->
                r.tableName(tableName)
                    .indexName(TableLayout.GSI_BY_MRC_TIME)
                    .keyConditionExpression("#pk = :mrc AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(
                        Map.of("#pk", TableLayout.GSI1_PK, "#sk", TableLayout.GSI1_SK))
                    .expressionAttributeValues(
                        Map.of(
                            ":mrc", AttributeValue.fromS(TableLayout.mrcPartition(mrcCode)),
                            // Instant.toString() varies in length: read one second wider, then
                            // filter exactly.
                            ":from", AttributeValue.fromS(from.minusSeconds(1).toString()),
                            ":to", AttributeValue.fromS(to.plusSeconds(1).toString()))))
        .items()
        .forEach(
            item -> {
              Submission s = SubmissionItems.fromItem(item);
              if (!s.receivedAt().isBefore(from) && s.receivedAt().isBefore(to)) {
                submissions.add(s);
              }
            });
    return submissions;
  }
}
