package ca.relais.local.crac;

/** An {@code afterRestore} hook failed (the local stand-in for jdk.crac's). */
public class RestoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public RestoreException() {
    super();
  }
}
