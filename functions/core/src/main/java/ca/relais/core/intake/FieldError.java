package ca.relais.core.intake;

import java.util.List;

/**
 * One thing wrong with one field: the field's name as the sender wrote it, a message key from the
 * {@code i18n/messages} bundle, and the values the message quotes (limits, candidates).
 */
public record FieldError(String field, String messageKey, List<String> arguments) {

  public FieldError {
    arguments = List.copyOf(arguments);
  }

  public static FieldError of(String field, String messageKey, String... arguments) {
    return new FieldError(field, messageKey, List.of(arguments));
  }
}
