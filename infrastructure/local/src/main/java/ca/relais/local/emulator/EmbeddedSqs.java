package ca.relais.local.emulator;

import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ElasticMQ, an SQS-compatible server, in this JVM on 127.0.0.1: FIFO queues, message groups,
 * deduplication, visibility timeouts and redrive to a dead-letter queue behave as in SQS. Queue
 * URLs and ARNs use the given region and the account id {@value #ACCOUNT_ID}.
 */
public final class EmbeddedSqs implements AutoCloseable {

  /** The account id in queue URLs and ARNs. */
  public static final String ACCOUNT_ID = "000000000000";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqs.class);

  private final SQSRestServer server;
  private final int port;
  private boolean closed;

  private EmbeddedSqs(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts ElasticMQ and returns once it is bound.
   *
   * @param requestedPort its port; 0 picks a free one
   * @param region the region in queue ARNs, e.g. {@code ca-central-1}
   * @throws IllegalStateException if the port is in use
   */
  public static EmbeddedSqs start(int requestedPort, String region) {
    long begin = System.nanoTime();
    int port = Ports.orFree(requestedPort);
    Ports.requireFree(port, "ElasticMQ (SQS)", "--sqs-port");
    SQSRestServer server =
        SQSRestServerBuilder.withPort(port)
            .withInterface("127.0.0.1")
            .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
            .withAWSRegion(region)
            .withAWSAccountId(ACCOUNT_ID)
            .start();
    try {
      server.waitUntilStarted();
    } catch (RuntimeException e) {
      server.stopAndWait();
      throw new IllegalStateException("ElasticMQ (SQS) did not bind port " + port, e);
    }
    EmbeddedSqs sqs = new EmbeddedSqs(server, port);
    LOG.info(
        "ElasticMQ (SQS) at {} ({}) started in {} ms",
        sqs.endpoint(),
        region,
        (System.nanoTime() - begin) / 1_000_000);
    return sqs;
  }

  /** Where clients connect: {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /**
   * Unbinds the server and terminates its actor system (which the builder created), waiting for
   * both. Closing twice does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stopAndWait();
    LOG.info("ElasticMQ (SQS) at {} stopped", endpoint());
  }
}
