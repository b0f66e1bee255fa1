package ca.relais.core.forms;

/**
 * A Relais field that a form must provide and this delivery left unanswered: the field, and the
 * provider's question it comes from.
 */
public record MissingAnswer(String field, String question) {

  /** The message key, quoting the question ({0}) and the field ({1}). */
  public static final String MESSAGE_KEY = "forms.answer_missing";
}
