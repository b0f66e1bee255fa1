package ca.relais.intake;

import ca.relais.aws.dynamodb.DynamoDbRoutingDirectory;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.routing.RoutingDirectory;
import ca.relais.core.territory.TestTerritory;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Whether the {@link TestTerritory} is open: the routing directory names a recipient for it. Read
 * only when a submission names the test territory, and kept a minute; closed when the directory
 * cannot be read.
 */
final class TestTerritoryGate implements BooleanSupplier {

  private static final StructuredLogger LOG =
      StructuredLogger.forComponent(TestTerritoryGate.class);

  private final RoutingDirectory directory;

  TestTerritoryGate(DynamoDbClient dynamoDb, String tableName) {
    this(
        new DynamoDbRoutingDirectory(
            dynamoDb, tableName, Clock.systemUTC(), Duration.ofMinutes(1)));
  }

  TestTerritoryGate(RoutingDirectory directory) {
    this.directory = directory;
  }

  @Override
  public boolean getAsBoolean() {
    try {
      return !directory.agentsOf(TestTerritory.scope()).isEmpty();
    } catch (RuntimeException e) {
      LOG.error("intake.test_territory_unreadable", e);
      return false;
    }
  }
}
