package ca.relais.local.emulator;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.List;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS's own DynamoDB Local, in this JVM: in memory, with one shared database ({@code -sharedDb}) so
 * that the AWS CLI or NoSQL Workbench with any credentials and region sees the same tables.
 * Streams, TTL, conditional writes and transactions work. Telemetry is off, so nothing is written
 * to the working directory.
 *
 * <p>Fake credentials must still look real: an access key id with anything but letters and digits
 * (e.g. {@code fake-key}) is refused with "The Access Key ID or security token is invalid".
 *
 * <p>DynamoDB Local has no bind-address option and listens on every interface: any machine on the
 * network could read the tables. Here it listens on {@code 127.0.0.1} only (its Jetty connector is
 * bound before it starts), and its {@code -cors} list (documented default {@code *}) names only its
 * own origin; {@link #start(int, String)} opens it on another address on purpose. (2.6.1 was seen
 * to send no {@code Access-Control-Allow-Origin} with either setting.)
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDynamoDb.class);

  /**
   * Loggers of DynamoDB Local's libraries that write through java.util.logging, not slf4j, and the
   * level they are raised to unless already configured: sqlite4java (every database it opens, at
   * INFO) and the AWS SDK v1 inside DynamoDB Local (a JAXB warning on Java 9+). JUL holds loggers
   * weakly, so they are kept here.
   */
  private static final List<java.util.logging.Logger> QUIETED =
      List.of(
          java.util.logging.Logger.getLogger("com.almworks.sqlite4java"),
          java.util.logging.Logger.getLogger("com.amazonaws.util.Base64"));

  private final DynamoDBProxyServer server;
  private final int port;
  private boolean closed;

  private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** The address DynamoDB Local listens on unless told otherwise. */
  public static final String LOOPBACK = "127.0.0.1";

  /**
   * Starts DynamoDB Local on the loopback address and returns once it listens.
   *
   * @param requestedPort its port; 0 picks a free one
   * @throws IllegalStateException if the port is in use or the server cannot start
   */
  public static EmbeddedDynamoDb start(int requestedPort) {
    return start(requestedPort, LOOPBACK);
  }

  /**
   * Starts DynamoDB Local on an address and returns once it listens.
   *
   * @param requestedPort its port; 0 picks a free one
   * @param host the address to listen on: {@code 127.0.0.1}, or {@code 0.0.0.0} for every interface
   *     (on purpose only: anyone who reaches the machine can then read and write the tables)
   * @throws IllegalStateException if the port is in use or the server cannot start
   */
  public static EmbeddedDynamoDb start(int requestedPort, String host) {
    long begin = System.nanoTime();
    int port = Ports.orFree(requestedPort);
    Ports.requireFree(port, "DynamoDB Local", "--dynamodb-port");
    for (java.util.logging.Logger logger : QUIETED) {
      if (logger.getLevel() == null) {
        logger.setLevel(Level.SEVERE);
      }
    }
    DynamoDBProxyServer server;
    try {
      server =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {
                "-inMemory",
                "-sharedDb",
                "-port",
                String.valueOf(port),
                "-disableTelemetry",
                // CORS for no web page but its own origin (the default is "*")
                "-cors",
                "http://127.0.0.1:" + port
              });
      bind(server, host);
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
    }
    EmbeddedDynamoDb dynamoDb = new EmbeddedDynamoDb(server, port);
    LOG.info(
        "DynamoDB Local at {} (in memory, shared database) started in {} ms",
        dynamoDb.endpoint(),
        (System.nanoTime() - begin) / 1_000_000);
    return dynamoDb;
  }

  /**
   * Binds the Jetty connector DynamoDB Local built (on every interface) to one address, before it
   * starts: the server keeps its Jetty {@code Server} in a private field, and has no option for it.
   */
  private static void bind(DynamoDBProxyServer server, String host)
      throws ReflectiveOperationException {
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    org.eclipse.jetty.server.Server jetty = (org.eclipse.jetty.server.Server) field.get(server);
    org.eclipse.jetty.server.Connector[] connectors = jetty.getConnectors();
    if (connectors.length == 0) {
      throw new IllegalStateException("DynamoDB Local has no connector to bind");
    }
    for (org.eclipse.jetty.server.Connector connector : connectors) {
      ((org.eclipse.jetty.server.ServerConnector) connector).setHost(host);
    }
  }

  /** Where clients connect: {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** Stops the server; its in-memory tables are gone. Closing twice does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.stop();
      LOG.info("DynamoDB Local at {} stopped", endpoint());
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local on port " + port + " did not stop", e);
    }
  }
}
