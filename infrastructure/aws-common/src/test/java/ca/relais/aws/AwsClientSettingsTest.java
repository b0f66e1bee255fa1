package ca.relais.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.config.Environment;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Credentials in both Lambda modes: access keys in the environment, or (SnapStart) the container
 * endpoint, fetched at the first call only and fetched again before they expire.
 */
class AwsClientSettingsTest {

  private static final String TOKEN = "local-authorization-token";
  private static final String FULL_URI = "aws.containerCredentialsFullUri";
  private static final String AUTHORIZATION = "aws.containerAuthorizationToken";

  private HttpServer endpoint;
  private final AtomicInteger served = new AtomicInteger();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startEndpoint() throws IOException {
    endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endpoint.createContext(
        "/credentials",
        exchange -> {
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          authorizations.add(String.valueOf(authorization));
          int n = served.incrementAndGet();
          boolean allowed = TOKEN.equals(authorization);
          // Expires within the SDK's refresh margin: every resolution must fetch anew.
          byte[] body =
              (allowed
                      ? """
                      {"AccessKeyId":"KEY%d","SecretAccessKey":"secret%d","Token":"session%d",\
                      "Expiration":"%s"}"""
                          .formatted(n, n, n, Instant.now().plusSeconds(30))
                      : "{\"message\":\"bad token\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    endpoint.start();
  }

  @AfterEach
  void stopEndpoint() {
    endpoint.stop(0);
    System.clearProperty(FULL_URI);
    System.clearProperty(AUTHORIZATION);
  }

  @Test
  void anOperatorsAccessKeysAreUsedAsTheyAre() {
    AwsClientSettings settings =
        AwsClientSettings.forOperator(
            Environment.of(
                Map.of(
                    "AWS_ACCESS_KEY_ID", "AKIDLOCAL",
                    "AWS_SECRET_ACCESS_KEY", "secret",
                    "AWS_SESSION_TOKEN", "session")));

    AwsCredentials credentials = settings.credentialsProvider().resolveCredentials();

    assertEquals("AKIDLOCAL", credentials.accessKeyId());
    assertEquals("session", ((AwsSessionCredentials) credentials).sessionToken());
    assertEquals(0, served.get());
  }

  @Test
  void withoutAccessKeysTheContainerEndpointServesCredentialsLazilyAndAgainBeforeExpiry() {
    System.setProperty(FULL_URI, uri());
    System.setProperty(AUTHORIZATION, TOKEN);
    AwsClientSettings settings =
        AwsClientSettings.forFunction(Environment.of(Map.of("AWS_REGION", "ca-central-1")));
    try (DynamoDbClient client = settings.build(DynamoDbClient.builder(), "dynamodb")) {
      assertEquals(0, served.get(), "building a client (Lambda's init) must not fetch credentials");
    }

    AwsCredentials first = settings.credentialsProvider().resolveCredentials();
    AwsCredentials second = settings.credentialsProvider().resolveCredentials();

    assertEquals("KEY1", first.accessKeyId());
    assertEquals("session1", ((AwsSessionCredentials) first).sessionToken());
    assertNotEquals(first.accessKeyId(), second.accessKeyId(), "credentials near expiry refreshed");
    assertEquals(List.of(TOKEN, TOKEN), authorizations);
  }

  @Test
  void aFunctionNeverTakesTheAccessKeyVariablesEvenWhenSet() {
    System.setProperty(FULL_URI, uri());
    System.setProperty(AUTHORIZATION, TOKEN);
    Map<String, String> keysAtInit =
        Map.of(
            "AWS_ACCESS_KEY_ID", "AKIDFROZEN",
            "AWS_SECRET_ACCESS_KEY", "secret",
            "AWS_SESSION_TOKEN", "session");

    AwsCredentials credentials =
        AwsClientSettings.forFunction(Environment.of(keysAtInit))
            .credentialsProvider()
            .resolveCredentials();

    assertEquals("KEY1", credentials.accessKeyId(), "the container endpoint's, not the variables'");
    assertEquals(1, served.get());

    System.clearProperty(FULL_URI);
    System.clearProperty(AUTHORIZATION);
    AwsClientSettings keysOnly = AwsClientSettings.forFunction(Environment.of(keysAtInit));
    assertThrows(
        SdkClientException.class,
        () -> keysOnly.credentialsProvider().resolveCredentials(),
        "keys alone are not a function's credentials");
  }

  @Test
  void aWrongTokenOrNoEndpointFailsAtTheFirstCallNotAtInit() {
    System.setProperty(FULL_URI, uri());
    System.setProperty(AUTHORIZATION, "not-the-token");
    AwsClientSettings wrongToken = AwsClientSettings.forFunction(Environment.of(Map.of()));
    assertThrows(
        SdkClientException.class, () -> wrongToken.credentialsProvider().resolveCredentials());

    System.clearProperty(FULL_URI);
    System.clearProperty(AUTHORIZATION);
    AwsClientSettings nothing = AwsClientSettings.forFunction(Environment.of(Map.of()));
    SdkClientException missing =
        assertThrows(
            SdkClientException.class, () -> nothing.credentialsProvider().resolveCredentials());
    assertTrue(
        String.valueOf(missing.getMessage()).contains("AWS_CONTAINER_CREDENTIALS_FULL_URI")
            || String.valueOf(missing.getCause()).contains("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
        missing.toString());
  }

  private String uri() {
    return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/credentials";
  }
}
