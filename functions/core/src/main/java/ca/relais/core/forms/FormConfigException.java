package ca.relais.core.forms;

/**
 * A form configuration that cannot be used: the message names the form and what is wrong in it
 * (never a secret, never a submission's content).
 */
public final class FormConfigException extends RuntimeException {

  public FormConfigException(String message) {
    super(message);
  }
}
