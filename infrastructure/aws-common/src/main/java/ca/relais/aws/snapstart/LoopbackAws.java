package ca.relais.aws.snapstart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * What a dry run's calls reach instead of AWS: a listener on 127.0.0.1 that reads each request and
 * answers {@code 200} with an empty JSON object (plus a placeholder {@code MessageId}, which SES
 * callers read, and the {@code x-amz-crc32} DynamoDB sends and the SDK checks), so that priming
 * also loads the HTTP client and the response unmarshalling. A {@code GET} of {@link
 * #CREDENTIALS_PATH} answers placeholder credentials as Lambda's container endpoint writes them
 * (for {@link DryRun#primeCredentialsFetch}). Open only while a dry run runs; nothing leaves the
 * machine.
 */
final class LoopbackAws implements AutoCloseable {

  private static final byte[] BODY =
      "{\"MessageId\":\"dry-run-not-sent\"}".getBytes(StandardCharsets.UTF_8);

  /** The path of the placeholder container credentials. */
  static final String CREDENTIALS_PATH = "/relais-dry-run-credentials";

  private static final long BODY_CRC32 = crc32(BODY);

  private final ServerSocket socket;
  private volatile Socket current;

  private LoopbackAws(ServerSocket socket) {
    this.socket = socket;
    Thread acceptor = new Thread(this::serve, "dry-run-loopback");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static LoopbackAws start() throws IOException {
    return new LoopbackAws(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()));
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        current = connection;
        connection.setSoTimeout(2000);
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream();
        // keep-alive: answer every request of the connection until the client closes it
        String requestLine;
        while ((requestLine = readRequest(in)) != null) {
          boolean credentials = requestLine.startsWith("GET " + CREDENTIALS_PATH + " ");
          byte[] body = credentials ? credentials() : BODY;
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Type: "
                      + (credentials ? "application/json" : "application/x-amz-json-1.0")
                      + "\r\nx-amzn-RequestId: dry-run\r\n"
                      + (credentials ? "" : "x-amz-crc32: " + BODY_CRC32 + "\r\n")
                      + "Content-Length: "
                      + body.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();
        }
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // a client that went away: wait for the next
      }
    }
  }

  /** Placeholder credentials valid for an hour, in the container endpoint's format. */
  private static byte[] credentials() {
    return ("{\"AccessKeyId\":\"AKIDRYRUNPRIMING0000\",\"SecretAccessKey\":\"dry-run-priming-never-sent\","
            + "\"Token\":\"dry-run\",\"Expiration\":\""
            + Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static long crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  /**
   * Reads one request (headers, then Content-Length bytes).
   *
   * @return its request line, or {@code null} at the end of the stream
   */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    if (matched < 4) {
      return null;
    }
    long length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring(15).trim());
      }
    }
    in.skipNBytes(length);
    return head.toString(StandardCharsets.US_ASCII).split("\r\n", 2)[0];
  }

  /** Closes the listener and the connection it serves: nothing stays open for the snapshot. */
  @Override
  public void close() throws IOException {
    socket.close();
    Socket open = current;
    if (open != null) {
      open.close();
    }
  }
}
