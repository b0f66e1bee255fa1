package ca.relais.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port helpers for the emulators and tests: 0 means "any free port", as for the JDK's servers. */
public final class Ports {

  private Ports() {}

  /**
   * A port that was free a moment ago on 127.0.0.1 (bound to port 0, then released). Another
   * process may take it before it is used; good enough for tests and local runs.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on the loopback interface", e);
    }
  }

  /** The port itself, or a free one for 0. */
  static int orFree(int port) {
    return port == 0 ? freePort() : port;
  }

  /**
   * Fails with a clear message when something already listens on the port on 127.0.0.1 (0, any free
   * port, always passes).
   *
   * @throws PortInUseException naming the part, the port and the flag that chooses another
   */
  public static void requireFree(int port, String what, String flag) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
    } catch (IOException e) {
      throw new PortInUseException(what, port, flag);
    }
  }
}
