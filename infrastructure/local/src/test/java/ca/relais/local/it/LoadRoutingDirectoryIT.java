package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The documented loader command, against a table of the same shape on DynamoDB Local. */
class LoadRoutingDirectoryIT {

  private static final String TABLE = "RoutingLoaderTest";
  private static LocalStack stack;

  @BeforeAll
  static void createTable() {
    stack = SharedLocalStack.get();
    System.setProperty("aws.accessKeyId", "loader");
    System.setProperty("aws.secretAccessKey", "loader");
    stack
        .dynamoDb()
        .createTable(
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

  private static int load(Path file, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--table",
                TABLE,
                "--file",
                file.toString(),
                "--endpoint-url",
                stack.dynamoDbEndpoint().toString()));
    args.addAll(List.of(more));
    return ca.relais.local.LoadRoutingDirectoryAccess.run(args.toArray(String[]::new));
  }

  private static List<Map<String, AttributeValue>> routes() {
    return stack.dynamoDb().scan(r -> r.tableName(TABLE)).items();
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
}
