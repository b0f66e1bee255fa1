package ca.relais.aws.dynamodb;

import ca.relais.aws.AwsClientSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the DynamoDB client of a function, once per container. */
public final class DynamoDbClients {

  private DynamoDbClients() {}

  public static DynamoDbClient create(AwsClientSettings settings) {
    return settings.build(DynamoDbClient.builder(), "DYNAMODB");
  }
}
