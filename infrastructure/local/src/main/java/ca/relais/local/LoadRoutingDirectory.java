package ca.relais.local;

import ca.relais.aws.dynamodb.DynamoDbRoutingDirectory;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.RoutingCsv;
import ca.relais.core.territory.TerritoryDirectory;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Loads a routing directory CSV ({@code scope,email,name,language,role}) into the deployed Relais
 * table, replacing the previous directory. Every row is checked first; with one bad row nothing is
 * loaded and every problem is named. Uses the AWS credentials of the shell (profile, environment).
 *
 * <pre>
 * java -cp infrastructure/local/target/relais-local.jar ca.relais.local.LoadRoutingDirectory \
 *   --table TABLE_NAME --file routing.csv [--region ca-central-1] [--dry-run] [--endpoint-url URL]
 * </pre>
 */
public final class LoadRoutingDirectory {

  static final String USAGE =
      "Usage: java -cp infrastructure/local/target/relais-local.jar ca.relais.local.LoadRoutingDirectory"
          + " --table TABLE_NAME --file routing.csv [--region ca-central-1] [--dry-run] [--endpoint-url URL]";

  private LoadRoutingDirectory() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command; returns the process exit code (0 loaded or checked, 1 invalid file, 2 usage).
   */
  static int run(String[] args) {
    LocalStackSettings.Flags flags;
    try {
      flags = LocalStackSettings.Flags.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + USAGE);
      return 2;
    }
    Optional<String> table = flags.value("table");
    Optional<String> file = flags.value("file");
    if (table.isEmpty() || file.isEmpty()) {
      System.err.println(USAGE);
      return 2;
    }
    List<RelayAgent> agents;
    try (Reader reader = Files.newBufferedReader(Path.of(file.get()), StandardCharsets.UTF_8)) {
      agents = RoutingCsv.parse(reader, TerritoryDirectory.loadDefault());
    } catch (RoutingCsv.InvalidRoutingFile invalid) {
      System.err.println("Nothing loaded: " + file.get() + " has problems:");
      invalid.problems().forEach(p -> System.err.println("  " + p));
      return 1;
    } catch (NoSuchFileException e) {
      System.err.println("No such file: " + file.get());
      return 1;
    } catch (IOException e) {
      System.err.println("Cannot read " + file.get() + ": " + e.getMessage());
      return 1;
    }
    System.out.println(file.get() + ": " + agents.size() + " agents, every row valid");
    if (flags.value("dry-run").isPresent()) {
      return 0;
    }
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .region(Region.of(flags.value("region").orElse("ca-central-1")))
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .httpClient(UrlConnectionHttpClient.create());
    flags.value("endpoint-url").map(URI::create).ifPresent(builder::endpointOverride);
    try (DynamoDbClient dynamoDb = builder.build()) {
      new DynamoDbRoutingDirectory(dynamoDb, table.get(), Clock.systemUTC(), Duration.ZERO)
          .replaceAll(agents);
    }
    System.out.println("Loaded into table " + table.get());
    return 0;
  }
}
