package ca.relais.local.smoke;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.AwsClientSettings;
import ca.relais.core.config.Environment;
import ca.relais.local.LocalStack;
import ca.relais.local.it.SharedLocalStack;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The smoke test ({@link DeploymentSmoke}): against a real deployment with {@code mvn -Psmoke
 * verify -Dsmoke.apiUrl=<ApiUrl> -Dsmoke.tableName=<TableName>} (AWS credentials and region from
 * the environment), else against the local stack in the integration tests, so that it cannot rot.
 */
class SmokeIT {

  @Test
  void aSignUpAndAnObservationOfTheTestTerritoryReachOnlyTheTestRecipient() throws Exception {
    Optional<String> apiUrl = property("smoke.apiUrl");
    if (apiUrl.isPresent()) {
      String table =
          property("smoke.tableName")
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "-Dsmoke.tableName=<TableName output of the stack> is required with"
                              + " -Dsmoke.apiUrl"));
      Duration patience =
          Duration.ofSeconds(Integer.parseInt(property("smoke.timeoutSeconds").orElse("120")));
      AwsClientSettings aws = AwsClientSettings.forOperator(Environment.system());
      try (DynamoDbClient dynamoDb = aws.build(DynamoDbClient.builder(), "dynamodb")) {
        DeploymentSmoke.Result result =
            new DeploymentSmoke(
                    URI.create(apiUrl.get()),
                    dynamoDb,
                    table,
                    patience,
                    ca.relais.core.privacy.PersonKey.fromEnvironment(Environment.system()))
                .run();
        System.out.printf(
            "Smoke test passed on %s: %s and %s stored, emails accepted for %s only%n",
            apiUrl.get(), result.signUp(), result.observation(), DeploymentSmoke.RECIPIENT);
      }
      return;
    }
    assertTrue(
        property("smoke.required").isEmpty(),
        "-Psmoke needs -Dsmoke.apiUrl=<ApiUrl output of the stack> and -Dsmoke.tableName=<TableName>");
    LocalStack stack = SharedLocalStack.get();
    DeploymentSmoke.Result result =
        new DeploymentSmoke(
                stack.gatewayEndpoint(),
                stack.dynamoDb(),
                stack.resources().tableName("RelaisTable"),
                Duration.ofSeconds(60),
                ca.relais.local.it.SharedLocalStack.personKey())
            .run();
    assertTrue(
        stack.inbox().emails().stream()
            .filter(e -> e.subject().contains(result.observation()))
            .allMatch(e -> e.to().equals(java.util.List.of(DeploymentSmoke.RECIPIENT))),
        "the observation's alert went to the test recipient only");
  }

  private static Optional<String> property(String name) {
    return Optional.ofNullable(System.getProperty(name))
        .filter(v -> !v.isBlank() && !v.startsWith("${"));
  }
}
