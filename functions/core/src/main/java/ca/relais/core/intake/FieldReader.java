package ca.relais.core.intake;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed values out of {@link FormFields}, collecting one {@link FieldError} per bad field so
 * that an answer lists everything that needs fixing at once.
 */
final class FieldReader {

  private static final Set<String> TRUE = Set.of("true", "on", "yes", "oui", "1", "y", "o");
  private static final Set<String> FALSE = Set.of("false", "off", "no", "non", "0", "n", "");

  private final FormFields fields;
  private final List<FieldError> errors = new ArrayList<>();

  FieldReader(FormFields fields, Set<String> allowedFields) {
    this.fields = fields;
    for (String name : fields.names()) {
      if (!allowedFields.contains(name)) {
        // by its place in the body as sent: the name is the client's, never repeated
        errors.add(FieldError.unknownAt(fields.positionOf(name)));
      }
    }
  }

  List<FieldError> errors() {
    return errors;
  }

  void reject(FieldError error) {
    errors.add(error);
  }

  /**
   * A single-valued one-line text field ({@link OneLineText}), trimmed and NFC-normalised; empty
   * when absent or blank.
   */
  Optional<String> optionalText(String name, int maxLength) {
    return text(name, maxLength, false);
  }

  /**
   * A single-valued free-text field ({@link FreeText}: line breaks and tabs kept), trimmed and
   * NFC-normalised; empty when absent or blank.
   */
  Optional<String> optionalFreeText(String name, int maxLength) {
    return text(name, maxLength, true);
  }

  /** A required single-valued free-text field. */
  Optional<String> requiredFreeText(String name, int maxLength) {
    int before = errors.size();
    Optional<String> value = optionalFreeText(name, maxLength);
    if (value.isEmpty() && errors.size() == before) {
      errors.add(FieldError.of(name, "field.required"));
    }
    return value;
  }

  private Optional<String> text(String name, int maxLength, boolean multiLine) {
    List<String> values = fields.values(name);
    if (values.size() > 1) {
      errors.add(FieldError.of(name, "field.single"));
      return Optional.empty();
    }
    if (values.isEmpty()) {
      return Optional.empty();
    }
    String value = Normalizer.normalize(values.get(0), Normalizer.Form.NFC).strip();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (lostInDecoding(value)) {
      errors.add(FieldError.of(name, "field.encoding"));
      return Optional.empty();
    }
    if (multiLine ? !FreeText.isValid(value) : !OneLineText.isValid(value)) {
      errors.add(FieldError.of(name, multiLine ? "field.control" : "field.one_line"));
      return Optional.empty();
    }
    if (value.codePointCount(0, value.length()) > maxLength) {
      errors.add(FieldError.of(name, "field.too_long", String.valueOf(maxLength)));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** A required single-valued text field. */
  Optional<String> requiredText(String name, int maxLength) {
    int before = errors.size();
    Optional<String> value = optionalText(name, maxLength);
    if (value.isEmpty() && errors.size() == before) {
      errors.add(FieldError.of(name, "field.required"));
    }
    return value;
  }

  /** A required email address, lowercased in the domain part. */
  Optional<String> requiredEmail(String name) {
    Optional<String> value = requiredText(name, 254);
    if (value.isEmpty()) {
      return value;
    }
    String email = value.get();
    if (!EmailAddresses.isValid(email)) {
      errors.add(FieldError.of(name, "field.email"));
      return Optional.empty();
    }
    int at = email.lastIndexOf('@');
    return Optional.of(email.substring(0, at) + email.substring(at).toLowerCase(Locale.ROOT));
  }

  /** A yes/no field: absent is no. */
  boolean optionalBoolean(String name) {
    Optional<String> value = optionalText(name, 10);
    if (value.isEmpty()) {
      return false;
    }
    String v = value.get().toLowerCase(Locale.ROOT);
    if (TRUE.contains(v)) {
      return true;
    }
    if (!FALSE.contains(v)) {
      errors.add(FieldError.of(name, "field.boolean"));
    }
    return false;
  }

  /** Every value of a list field, trimmed, blanks dropped. */
  List<String> list(String name, int maxItems, int maxLength) {
    List<String> out = new ArrayList<>();
    List<String> raw = new ArrayList<>();
    for (String value : fields.values(name)) {
      // A single text value may hold a comma-separated list ("watch, support").
      for (String part : value.split(",")) {
        raw.add(part);
      }
    }
    for (String value : raw) {
      String v = value.strip();
      if (v.isEmpty()) {
        continue;
      }
      if (v.length() > maxLength || !OneLineText.isValid(v)) {
        errors.add(FieldError.of(name, "field.invalid_choice", v.length() > 40 ? "…" : v));
        return List.of();
      }
      out.add(v);
    }
    if (out.size() > maxItems) {
      errors.add(FieldError.of(name, "field.too_many", String.valueOf(maxItems)));
      return List.of();
    }
    return out;
  }

  /**
   * True when the text holds U+FFFD or a lone surrogate: bytes that were not valid UTF-8 (or
   * another declared charset) on the way in. Storing them would keep a garbled report.
   */
  private static boolean lostInDecoding(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\uFFFD') {
        return true;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
