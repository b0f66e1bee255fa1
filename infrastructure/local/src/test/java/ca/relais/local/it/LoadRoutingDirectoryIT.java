package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.RepositoryRoot;
import ca.relais.local.emulator.EmbeddedDynamoDb;
import ca.relais.tools.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The documented command {@code routing load}, against a table of the Relais shape on DynamoDB
 * Local: in this JVM, and once through the built jar, as an operator runs it.
 */
class LoadRoutingDirectoryIT {

  private static final String TABLE = "RoutingLoaderTest";
  private static EmbeddedDynamoDb emulator;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void createTable() {
    emulator = EmbeddedDynamoDb.start(0);
    System.setProperty("aws.accessKeyId", "loader");
    System.setProperty("aws.secretAccessKey", "loader");
    dynamoDb =
        DynamoDbClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.CA_CENTRAL_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("loader", "loader")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    dynamoDb.createTable(
        r ->
            r.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE)));
  }

  @AfterAll
  static void stop() {
    dynamoDb.close();
    emulator.close();
  }

  private static List<String> command(Path file, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "routing",
                "load",
                file.toString(),
                "--table",
                TABLE,
                "--endpoint-url",
                emulator.endpoint().toString()));
    args.addAll(List.of(more));
    return args;
  }

  private static int load(Path file, String... more) {
    // the shell's access keys, as an operator's (no profile file, no IMDS)
    java.util.Map<String, String> shell =
        java.util.Map.of("AWS_ACCESS_KEY_ID", "loader", "AWS_SECRET_ACCESS_KEY", "loader");
    return Tools.run(
        command(file, more).toArray(String[]::new),
        name -> java.util.Optional.ofNullable(shell.get(name)),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private static List<Map<String, AttributeValue>> routes() {
    return dynamoDb.scan(r -> r.tableName(TABLE)).items();
  }

  @Test
  void loadsAValidFile_thenReplacesIt_andRefusesABadOneWithoutTouchingTheTable(@TempDir Path dir)
      throws Exception {
    Path good = dir.resolve("routing.csv");
    Files.writeString(
        good,
        """
        scope,email,name,language,role
        100,anne@example.org,Anne,fr,primary
        region:01,team@example.org,Équipe,fr,primary
        *,program@example.org,Programme,fr,primary
        """);
    assertEquals(0, load(good));
    assertEquals(3, routes().size());

    Files.writeString(
        good,
        """
        scope,email,name,language,role
        100,anne@example.org,Anne,fr,primary
        *,program@example.org,Programme,fr,primary
        """);
    assertEquals(0, load(good));
    assertEquals(2, routes().size(), "the region team is gone");

    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad,
        """
        scope,email,name,language,role
        999,x@example.org,X,fr,primary
        100,not-an-email,Y,fr,primary
        *,program@example.org,Programme,fr,primary
        """);
    assertEquals(1, load(bad));
    assertEquals(2, routes().size(), "nothing loaded from a bad file");
    assertEquals(0, load(good, "--dry-run"));
    assertEquals(1, load(dir.resolve("missing.csv")));
  }

  @Test
  void theBuiltJarLoadsWithTheShellsCredentials(@TempDir Path dir) throws Exception {
    Path jar = RepositoryRoot.path().resolve("infrastructure/tools/target/relais-tools.jar");
    assertTrue(Files.isRegularFile(jar), jar.toAbsolutePath() + " was not built");
    Path file = dir.resolve("routing.csv");
    Files.writeString(
        file,
        """
        scope,email,name,language,role
        100,jar@example.org,Jar,fr,primary
        *,program@example.org,Programme,fr,primary
        """);
    List<String> line = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString()));
    line.addAll(command(file));
    ProcessBuilder process = new ProcessBuilder(line).redirectErrorStream(true);
    process.environment().put("AWS_ACCESS_KEY_ID", "loader");
    process.environment().put("AWS_SECRET_ACCESS_KEY", "loader");
    Process running = process.start();
    String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(running.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, running.exitValue(), output);
    assertTrue(output.contains("Loaded into table " + TABLE), output);
    assertTrue(
        routes().stream().anyMatch(item -> item.get("sk").s().contains("jar@example.org")),
        "the jar's row is in the table: " + routes());
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
