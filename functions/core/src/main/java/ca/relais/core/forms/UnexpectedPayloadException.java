package ca.relais.core.forms;

/** A body that parses but does not have the shape its provider sends. */
public final class UnexpectedPayloadException extends Exception {

  public UnexpectedPayloadException(String what) {
    super(what, null, false, false);
  }
}
