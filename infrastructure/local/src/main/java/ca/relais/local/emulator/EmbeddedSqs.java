package ca.relais.local.emulator;

import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, an SQS-compatible server, in this JVM: FIFO queues, message groups, deduplication,
 * visibility timeouts and redrive to a dead-letter queue behave as in SQS.
 */
public final class EmbeddedSqs implements AutoCloseable {

  private final SQSRestServer server;
  private final int port;

  private EmbeddedSqs(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts on a port (0: any free port) for a region; the account id is 000000000000. */
  public static EmbeddedSqs start(int requestedPort, String region) {
    int port = Ports.orFree(requestedPort);
    Ports.requireFree(port, "ElasticMQ (SQS)", "--sqs-port");
    SQSRestServer server =
        SQSRestServerBuilder.withPort(port)
            .withInterface("127.0.0.1")
            .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
            .withAWSRegion(region)
            .withAWSAccountId("000000000000")
            .start();
    server.waitUntilStarted();
    return new EmbeddedSqs(server, port);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
