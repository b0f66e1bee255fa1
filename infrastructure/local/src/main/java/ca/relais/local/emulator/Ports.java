package ca.relais.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port helpers: 0 means "any free port", as for the JDK's own servers. */
public final class Ports {

  private Ports() {}

  /** A port that was free a moment ago on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port", e);
    }
  }

  /** The port itself, or a free one for 0. */
  static int orFree(int port) {
    return port == 0 ? freePort() : port;
  }

  /** Fails with a clear message when something already listens on the port. */
  static void requireFree(int port, String what, String flag) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException(
          what
              + " cannot listen on port "
              + port
              + ": it is in use. Stop what uses it, or choose another port with "
              + flag
              + " (0 picks a free one).");
    }
  }
}
