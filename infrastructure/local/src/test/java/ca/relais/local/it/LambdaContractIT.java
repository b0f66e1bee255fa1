package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.relais.local.LocalStack;
import ca.relais.local.LocalStackSettings;
import ca.relais.local.emulator.EmbeddedDynamoDb;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack the run command starts ({@code java -jar relais-local.jar}, its flags parsed as the
 * command line would be) keeps Lambda's runtime contract where a difference could break a
 * deployment: concurrency, credentials under SnapStart, and an emulator nobody else can reach.
 */
class LambdaContractIT {

  private static final Pattern REFERENCE = Pattern.compile("S-\\d{8}-[A-Z0-9]+");
  private static LocalStack stack;

  @BeforeAll
  static void startTheRunCommandsStack() throws Exception {
    LocalStackSettings settings =
        LocalStackSettings.from(
            new String[] {
              "--port", "0",
              "--dynamodb-port", "0",
              "--sqs-port", "0",
              "--ses-port", "0",
              "--routing", SharedLocalStack.routingFile().toString()
            },
            Map.of());
    stack = LocalStack.start(settings);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void twoHundredConcurrentPostsAreServedWithSeveralInvocationsInFlight() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String json =
          """
          {"firstName": "Éloi", "lastName": "Parallèle", "email": "eloi.%d@example.org",
           "municipality": "Rimouski", "roles": ["watch"], "consent": true, "language": "fr"}"""
              .formatted(i);
      posts.add(
          http.sendAsync(
              HttpRequest.newBuilder(stack.gatewayEndpoint().resolve("/signups"))
                  .timeout(Duration.ofSeconds(120))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    Set<String> references = new HashSet<>();
    for (CompletableFuture<HttpResponse<String>> post : posts) {
      HttpResponse<String> response = post.get();
      assertEquals(201, response.statusCode(), response.body());
      Matcher reference = REFERENCE.matcher(response.body());
      assertTrue(reference.find(), response.body());
      references.add(reference.group());
    }
    assertEquals(200, references.size(), "200 distinct submissions");
    int peak = stack.function("IntakeFunction").peakConcurrency();
    assertTrue(peak > 1, "invocations in flight at once: " + peak);
    assertTrue(
        peak <= LocalStackSettings.DEFAULT_CONCURRENCY, "never more than the cap at once: " + peak);
    System.out.printf("200 concurrent posts: %d intake invocations at once at most%n", peak);
  }

  @Test
  void eachFunctionHasLambdasReservedVariablesAndUnderSnapStartNoAccessKey() {
    for (String name : stack.template().functions().keySet()) {
      Map<String, String> env = stack.function(name).environment();
      assertEquals(name, env.get("AWS_LAMBDA_FUNCTION_NAME"));
      assertEquals("ca-central-1", env.get("AWS_REGION"));
      assertEquals("ca-central-1", env.get("AWS_DEFAULT_REGION"));
      assertEquals("1024", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
      assertEquals("1", env.get("AWS_LAMBDA_FUNCTION_VERSION"));
      assertEquals(":UTC", env.get("TZ"));
      assertTrue(env.get("_HANDLER").startsWith("ca.relais."), env.get("_HANDLER"));
      assertEquals("snap-start", env.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
      assertFalse(env.containsKey("AWS_ACCESS_KEY_ID"), name + " has an access key");
      assertFalse(env.containsKey("AWS_SECRET_ACCESS_KEY"), name + " has a secret key");
      assertTrue(
          env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").startsWith("http://127.0.0.1:"),
          env.toString());
      assertFalse(env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN").isBlank());
    }
  }

  @Test
  void snapStartFunctionsGetTheirCredentialsFromTheContainerEndpoint() throws Exception {
    HttpResponse<String> response =
        new Api(stack.gatewayEndpoint())
            .postJson(
                "/signups",
                """
                {"firstName": "Sol", "lastName": "Instantané", "email": "sol.%d@example.org",
                 "municipality": "Rimouski", "roles": ["watch"], "consent": true,
                 "language": "fr"}"""
                    .formatted(System.nanoTime()));
    assertEquals(201, response.statusCode(), response.body());
    // Every function of the template has SnapStart: none was given an access key.
    assertTrue(
        stack.credentialsEndpoint().served() > 0,
        "credentials fetched from the endpoint: " + stack.credentialsEndpoint().served());
  }

  @Test
  void dynamoDbLocalOfTheRunCommandCannotBeReachedOnANonLoopbackAddress() throws IOException {
    Optional<InetAddress> address = nonLoopbackAddress();
    assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address");
    int port = stack.dynamoDbEndpoint().getPort();

    assertTrue(reachable(InetAddress.getLoopbackAddress(), port), "reachable on 127.0.0.1");
    assertFalse(reachable(address.get(), port), "not reachable on " + address.get());
    assertThrows(ConnectException.class, () -> connect(address.get(), port));

    // The flag opens it on purpose: then the same check does reach it.
    try (EmbeddedDynamoDb open = EmbeddedDynamoDb.start(0, "0.0.0.0")) {
      assertTrue(reachable(address.get(), open.port()), "opened with --dynamodb-host 0.0.0.0");
    }
  }

  private static boolean reachable(InetAddress address, int port) {
    try {
      connect(address, port);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : nic.inetAddresses().toList()) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
