package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What a person using the local stack relies on. */
class LocalStackIT {

  private final LocalStack stack = SharedLocalStack.get();

  @Test
  void anyCredentialsAndRegionSeeTheSameTables_asWithTheAwsCli() {
    try (DynamoDbClient other =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("someoneElse", "x")))
            .endpointOverride(stack.dynamoDbEndpoint())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      assertTrue(
          other.listTables().tableNames().contains(stack.resources().tableName("RelaisTable")));
    }
  }

  @Test
  void tableHasTheStreamIndexAndTtlOfTheTemplate() {
    var table = stack.dynamoDb().describeTable(r -> r.tableName("RelaisTable")).table();
    assertEquals("KEYS_ONLY", table.streamSpecification().streamViewTypeAsString());
    assertEquals("ByMrcTime", table.globalSecondaryIndexes().get(0).indexName());
    assertEquals(
        "expiresAt",
        stack
            .dynamoDb()
            .describeTimeToLive(r -> r.tableName("RelaisTable"))
            .timeToLiveDescription()
            .attributeName());
  }

  @Test
  void sesInboxIsServedInABrowser() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.sesEndpoint() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().toLowerCase().contains("<html"), "an HTML inbox");
    stack.inbox().emails(); // the JSON store reads
  }

  @Test
  void unknownScheduleIs404_listingTheKnownOnes() throws Exception {
    HttpResponse<String> response =
        new Api(stack.gatewayEndpoint()).post("/_local/schedules/Nope", null, new byte[0]);
    assertEquals(404, response.statusCode());
  }
}
