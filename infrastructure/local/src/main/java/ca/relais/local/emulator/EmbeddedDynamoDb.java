package ca.relais.local.emulator;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
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
 * <p>DynamoDB Local listens on every interface (it has no bind-address option); {@link #endpoint()}
 * names the loopback address.
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

  /**
   * Starts DynamoDB Local and returns once it listens.
   *
   * @param requestedPort its port; 0 picks a free one
   * @throws IllegalStateException if the port is in use or the server cannot start
   */
  public static EmbeddedDynamoDb start(int requestedPort) {
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
                "-inMemory", "-sharedDb", "-port", String.valueOf(port), "-disableTelemetry"
              });
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
