package ca.relais.tools.routing;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.aws.dynamodb.DynamoDbRoutingDirectory;
import ca.relais.core.config.Environment;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.RoutingCsv;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.tools.Arguments;
import ca.relais.tools.Command;
import ca.relais.tools.ToolEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Loads a routing directory CSV ({@code scope,email,name,language,role}) into the deployed Relais
 * table, replacing the previous directory. Every row is checked first; with one bad row nothing is
 * loaded and every problem is named. Credentials as the functions take them: the access-key
 * variables of the shell, else the container-credentials endpoint (no profile file, no IMDS).
 *
 * <pre>
 * java -jar infrastructure/tools/target/relais-tools.jar routing load routing.csv \
 *   --table TABLE_NAME [--region ca-central-1] [--dry-run] [--endpoint-url URL]
 * </pre>
 */
final class LoadRoutingDirectory {

  static final String USAGE =
      "routing load FILE.csv --table TABLE_NAME [--region ca-central-1] [--dry-run]"
          + " [--endpoint-url URL]";

  private LoadRoutingDirectory() {}

  /**
   * Runs {@code routing load}; returns the process exit code (0 loaded or checked, 1 invalid or
   * missing file, 2 usage).
   */
  static int run(List<String> args, Environment environment, PrintStream out, PrintStream err) {
    Arguments arguments;
    try {
      arguments =
          Arguments.parse(args, Set.of("dry-run"), Set.of("table", "region", "endpoint-url"));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage() + "\nUsage: " + USAGE);
      return Command.USAGE;
    }
    if (arguments.positional().size() != 1 || arguments.flag("table").isEmpty()) {
      err.println("Usage: " + USAGE);
      return Command.USAGE;
    }
    String file = arguments.positional().get(0);
    String table = arguments.flag("table").get();
    List<RelayAgent> agents;
    try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      agents = RoutingCsv.parse(reader, TerritoryDirectory.loadDefault());
    } catch (RoutingCsv.InvalidRoutingFile invalid) {
      err.println("Nothing loaded: " + file + " has problems:");
      invalid.problems().forEach(p -> err.println("  " + p));
      return Command.INVALID_INPUT;
    } catch (NoSuchFileException e) {
      err.println("No such file: " + file);
      return Command.INVALID_INPUT;
    } catch (IOException e) {
      err.println("Cannot read " + file + ": " + e.getMessage());
      return Command.INVALID_INPUT;
    }
    out.println(file + ": " + agents.size() + " agents, every row valid");
    if (arguments.has("dry-run")) {
      return Command.OK;
    }
    Environment aws =
        ToolEnvironment.of(
            environment,
            arguments.flag("endpoint-url"),
            Optional.of(arguments.flag("region").orElse("ca-central-1")));
    try (DynamoDbClient dynamoDb = DynamoDbClients.create(AwsClientSettings.forOperator(aws))) {
      new DynamoDbRoutingDirectory(dynamoDb, table, Clock.systemUTC(), Duration.ZERO)
          .replaceAll(agents);
    }
    out.println("Loaded into table " + table);
    return Command.OK;
  }
}
