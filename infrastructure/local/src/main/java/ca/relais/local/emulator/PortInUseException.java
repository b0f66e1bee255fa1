package ca.relais.local.emulator;

/**
 * A port of the local stack is already taken by another process. Its message says which part, which
 * port and which flag chooses another one: it is printed as is, without a stack trace.
 */
public final class PortInUseException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public PortInUseException(String what, int port, String flag) {
    super(
        what
            + " cannot listen on port "
            + port
            + ": it is in use. Stop what uses it, or choose another port with "
            + flag
            + " (0 picks a free one).");
  }
}
