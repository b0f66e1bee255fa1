package ca.relais.local.emulator;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;

/**
 * AWS's own DynamoDB Local, in this JVM: in memory, with one shared database so that the AWS CLI or
 * NoSQL Workbench with any credentials and region sees the same tables. Streams, TTL, conditional
 * writes and transactions work.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

  private final DynamoDBProxyServer server;
  private final int port;

  private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts on a port (0: any free port). */
  public static EmbeddedDynamoDb start(int requestedPort) throws Exception {
    int port = Ports.orFree(requestedPort);
    Ports.requireFree(port, "DynamoDB Local", "--dynamodb-port");
    DynamoDBProxyServer server =
        ServerRunner.createServerFromCommandLineArgs(
            new String[] {
              "-inMemory", "-sharedDb", "-port", String.valueOf(port), "-disableTelemetry"
            });
    server.start();
    return new EmbeddedDynamoDb(server, port);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
