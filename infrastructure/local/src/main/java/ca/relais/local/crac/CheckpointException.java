package ca.relais.local.crac;

/** A {@code beforeCheckpoint} hook failed (the local stand-in for jdk.crac's). */
public class CheckpointException extends Exception {
  private static final long serialVersionUID = 1L;

  public CheckpointException() {
    super();
  }
}
