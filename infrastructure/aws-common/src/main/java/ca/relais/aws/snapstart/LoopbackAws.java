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
import java.util.Locale;

/**
 * What a dry run's calls reach instead of AWS: a listener on 127.0.0.1 that reads each request and
 * answers {@code 200} with an empty JSON object (plus a placeholder {@code MessageId}, which SES
 * callers read), so that priming also loads the HTTP client and the response unmarshalling. Open
 * only while a dry run runs; nothing leaves the machine.
 */
final class LoopbackAws implements AutoCloseable {

  private static final byte[] BODY =
      "{\"MessageId\":\"dry-run-not-sent\"}".getBytes(StandardCharsets.UTF_8);

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
        while (readRequest(in)) {
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
                      + "x-amzn-RequestId: dry-run\r\nContent-Length: "
                      + BODY.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.write(BODY);
          out.flush();
        }
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // a client that went away: wait for the next
      }
    }
  }

  /** Reads one request (headers, then Content-Length bytes); false at the end of the stream. */
  private static boolean readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    if (matched < 4) {
      return false;
    }
    long length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring(15).trim());
      }
    }
    in.skipNBytes(length);
    return true;
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
