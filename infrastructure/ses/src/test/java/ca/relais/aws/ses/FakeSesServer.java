package ca.relais.aws.ses;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server on a raw socket that plays SES v2 the way it misbehaves: it counts
 * every request it reads, then answers with a given status and body, hangs (a frozen SES), or drops
 * the connection without an answer. Raw sockets so that nothing hides a resent request.
 */
final class FakeSesServer implements AutoCloseable {

  /** What the server does after reading a request. */
  enum Behaviour {
    ANSWER,
    HANG,
    DROP
  }

  private final ServerSocket server;
  private final AtomicInteger requests = new AtomicInteger();
  private final CopyOnWriteArrayList<Socket> open = new CopyOnWriteArrayList<>();
  private volatile Behaviour behaviour = Behaviour.ANSWER;
  private volatile int status = 200;
  private volatile String errorType = "";
  private volatile String body = "{\"MessageId\":\"fake-0001\"}";

  FakeSesServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "fake-ses");
    accept.setDaemon(true);
    accept.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  int requests() {
    return requests.get();
  }

  void answer(int status, String errorType, String body) {
    this.behaviour = Behaviour.ANSWER;
    this.status = status;
    this.errorType = errorType;
    this.body = body;
  }

  void behave(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        Thread connection = new Thread(() -> serve(socket), "fake-ses-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head.isEmpty()) {
          return;
        }
        int length = contentLength(head);
        in.readNBytes(length);
        requests.incrementAndGet();
        switch (behaviour) {
          case HANG -> {
            in.read(); // until the client gives up and closes
            return;
          }
          case DROP -> {
            return;
          }
          case ANSWER -> {
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            String response =
                "HTTP/1.1 "
                    + status
                    + " X\r\nContent-Type: application/json\r\n"
                    + (errorType.isEmpty() ? "" : "x-amzn-ErrorType: " + errorType + "\r\n")
                    + "x-amzn-RequestId: 11111111-2222-3333-4444-555555555555\r\n"
                    + "Content-Length: "
                    + payload.length
                    + "\r\n\r\n";
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
          }
        }
      }
    } catch (SocketException closed) {
      // the client went away
    } catch (IOException e) {
      // the test sees the count
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
  }
}
