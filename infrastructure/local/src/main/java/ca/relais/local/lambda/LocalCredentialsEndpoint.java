package ca.relais.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The container-credentials endpoint Lambda gives a SnapStart function ({@code
 * AWS_CONTAINER_CREDENTIALS_FULL_URI}, with {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} in the {@code
 * Authorization} header), on the loopback address: each request with the right token gets new
 * short-lived credentials in the JSON the SDK's {@code ContainerCredentialsProvider} reads; any
 * other request gets a 401. The emulators accept any credentials, so the values only need to look
 * real (letters and digits) and change.
 *
 * <p>The SDK finds the endpoint through JVM-wide settings (the environment, or the system
 * properties {@code aws.containerCredentialsFullUri} and {@code aws.containerAuthorizationToken}),
 * so every local stack of a JVM shares one endpoint ({@link #shared()}), which lives as long as the
 * JVM: a stack that stops cannot cut off another's functions.
 */
public final class LocalCredentialsEndpoint implements AutoCloseable {

  /** How long served credentials are valid: short, so that the SDK's refresh really runs. */
  public static final Duration LIFETIME = Duration.ofMinutes(15);

  private static final String PATH = "/2018-06-01/credentials";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final String token;
  private final AtomicLong served = new AtomicLong();

  private LocalCredentialsEndpoint(HttpServer server, String token) {
    this.server = server;
    this.token = token;
  }

  private static LocalCredentialsEndpoint shared;

  /** The JVM's endpoint, started on first use on daemon threads (it never stops the JVM's exit). */
  public static synchronized LocalCredentialsEndpoint shared() throws IOException {
    if (shared == null) {
      LocalCredentialsEndpoint[] started = new LocalCredentialsEndpoint[1];
      IOException[] failed = new IOException[1];
      // The server's dispatcher thread is a daemon when started from a daemon thread.
      Thread starter =
          new Thread(
              () -> {
                try {
                  started[0] = start();
                } catch (IOException e) {
                  failed[0] = e;
                }
              },
              "local-credentials-start");
      starter.setDaemon(true);
      starter.start();
      try {
        starter.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while starting the credentials endpoint", e);
      }
      if (failed[0] != null) {
        throw failed[0];
      }
      shared = started[0];
    }
    return shared;
  }

  /** Starts an endpoint on a free loopback port with a random authorization token. */
  public static LocalCredentialsEndpoint start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    LocalCredentialsEndpoint endpoint = new LocalCredentialsEndpoint(server, randomHex(32));
    server.createContext(PATH, endpoint::serve);
    server.setExecutor(
        java.util.concurrent.Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "local-credentials");
              thread.setDaemon(true);
              return thread;
            }));
    server.start();
    return endpoint;
  }

  /** The value of {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** The value of {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}. */
  public String token() {
    return token;
  }

  /** How many credentials were served (the functions fetched them). */
  public long served() {
    return served.get();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!"GET".equals(exchange.getRequestMethod()) || !token.equals(authorization)) {
        send(exchange, 401, "{\"message\":\"Authorization token missing or wrong\"}");
        return;
      }
      long n = served.incrementAndGet();
      Instant expiration = Instant.now().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
      send(
          exchange,
          200,
          """
          {"AccessKeyId":"ASIALOCAL%d","SecretAccessKey":"%s","Token":"%s","Expiration":"%s"}"""
              .formatted(n, randomHex(20), randomHex(32), expiration));
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random).toUpperCase(Locale.ROOT);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
