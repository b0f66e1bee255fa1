package ca.relais.aws.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.AwsClientSettings;
import ca.relais.core.config.Environment;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * A dry run (SnapStart priming) builds and signs a real client's call but sends nothing and fetches
 * no credentials; outside it, the same client works as before.
 */
class DryRunTest {

  private static final String FULL_URI = "aws.containerCredentialsFullUri";
  private static final String AUTHORIZATION = "aws.containerAuthorizationToken";

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(exchange.getRequestURI().getPath());
          byte[] body =
              exchange.getRequestURI().getPath().equals("/credentials")
                  ? """
                  {"AccessKeyId":"KEY","SecretAccessKey":"secret","Token":"session",\
                  "Expiration":"2099-01-01T00:00:00Z"}"""
                      .getBytes(StandardCharsets.UTF_8)
                  : "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    System.setProperty(FULL_URI, base() + "/credentials");
    System.setProperty(AUTHORIZATION, "token");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    System.clearProperty(FULL_URI);
    System.clearProperty(AUTHORIZATION);
  }

  @Test
  void aDryRunSignsTheCallAndSendsItToTheLoopbackOnlyWithoutFetchingCredentials() throws Exception {
    try (DynamoDbClient client = client()) {
      // signed (else stopped) and answered by the loopback listener with an empty object
      PutItemResponse answer = DryRun.run(() -> client.putItem(r -> put(r)));

      assertTrue(answer.attributes().isEmpty());
      assertEquals(List.of(), requests, "nothing sent to the endpoint, no credentials fetched");
      assertFalse(DryRun.active());

      client.putItem(r -> put(r));
      assertEquals(List.of("/credentials", "/"), requests, "outside a dry run the call is sent");
    }
  }

  @Test
  void primingTheCredentialsFetchReadsPlaceholdersFromTheLoopbackNeverTheRolesEndpoint()
      throws Exception {
    assertTrue(DryRun.run(DryRun::primeCredentialsFetch), "placeholders loaded");
    assertFalse(DryRun.primeCredentialsFetch(), "outside a dry run it does nothing at all");

    assertEquals(List.of(), requests, "the container endpoint is never asked");
  }

  @Test
  void otherThreadsAreNotInADryRun() throws Exception {
    try (DynamoDbClient client = client()) {
      DryRun.run(
          () -> {
            Thread other = new Thread(() -> client.putItem(r -> put(r)));
            other.start();
            other.join();
            return null;
          });
      assertEquals(List.of("/credentials", "/"), requests);
    }
  }

  @Test
  void workHandedToAnotherThreadStaysInTheDryRun() throws Exception {
    try (DynamoDbClient client = client()) {
      SdkClientException failure =
          DryRun.run(
              () -> {
                java.util.function.Supplier<SdkClientException> task =
                    DryRun.inherit(
                        () -> {
                          try {
                            client.putItem(r -> put(r));
                            return null;
                          } catch (SdkClientException e) {
                            return e;
                          }
                        });
                return java.util.concurrent.CompletableFuture.supplyAsync(task).join();
              });
      assertEquals(null, failure, "answered by the loopback listener");
      assertEquals(List.of(), requests, "nothing sent from the worker thread");
    }
  }

  private static void put(
      software.amazon.awssdk.services.dynamodb.model.PutItemRequest.Builder request) {
    request.tableName("relais").item(Map.of("pk", AttributeValue.fromS("x")));
  }

  private DynamoDbClient client() {
    return AwsClientSettings.forFunction(
            Environment.of(Map.of("AWS_REGION", "ca-central-1", "AWS_ENDPOINT_URL", base())))
        .build(DynamoDbClient.builder(), "dynamodb");
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void linesLoggedInADryRun_orInWorkItHandsOver_areMarkedPriming_atInfo() throws Exception {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ca.relais.core.log.StructuredLogger log =
          ca.relais.core.log.StructuredLogger.forComponent(DryRunTest.class);
      DryRun.run(
          () -> {
            log.error("notify.submission_missing", "id", "O-20260101-PR1M1NG0");
            java.util.function.Supplier<String> task =
                DryRun.inherit(
                    () -> {
                      log.warn("worker.line");
                      return "done";
                    });
            Thread worker = new Thread(task::get);
            worker.start();
            worker.join();
            return null;
          });
      log.error("after.the.dry.run");
    } finally {
      System.setErr(original);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("\"level\":\"INFO\""), lines.get(0));
    assertTrue(lines.get(0).contains("\"priming\":true"), lines.get(0));
    assertTrue(lines.get(1).contains("\"level\":\"INFO\""), lines.get(1));
    assertTrue(lines.get(1).contains("\"priming\":true"), lines.get(1));
    assertTrue(lines.get(2).contains("\"level\":\"ERROR\""), lines.get(2));
    assertFalse(lines.get(2).contains("priming"), lines.get(2));
  }
}
