package ca.relais.core.intake;

import java.util.List;

/**
 * One thing wrong with one field: the field's name (one of the form's own names; a field the form
 * does not know is named by its position, {@code #3}, never by the name the client chose), a
 * message key from the {@code i18n/messages} bundle, and the values the message quotes (limits,
 * candidates).
 */
public record FieldError(String field, String messageKey, List<String> arguments) {

  public FieldError {
    arguments = List.copyOf(arguments);
  }

  public static FieldError of(String field, String messageKey, String... arguments) {
    return new FieldError(field, messageKey, List.of(arguments));
  }

  /**
   * A field the form does not know, named by its position among the fields sent (1 for the first):
   * its name is client-chosen text (it may be an address) and goes neither into the answer nor into
   * a log line.
   */
  public static FieldError unknownAt(int position) {
    return new FieldError("#" + position, "field.unknown_at", List.of(String.valueOf(position)));
  }
}
