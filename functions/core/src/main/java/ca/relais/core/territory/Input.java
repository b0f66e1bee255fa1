package ca.relais.core.territory;

import java.util.Optional;

/** What counts as given, and as too long to be a place name. */
final class Input {

  /** Longer input is no place name: it is reported unknown without being folded. */
  static final int MAX_LENGTH = 200;

  private Input() {}

  /** The stripped text, or empty when not given or blank. */
  static Optional<String> given(Optional<String> raw) {
    return raw == null ? Optional.empty() : raw.map(String::strip).filter(s -> !s.isEmpty());
  }

  static boolean tooLong(String text) {
    return text.length() > MAX_LENGTH;
  }

  /** Whether text is only ASCII digits, between min and max of them. */
  static boolean isDigits(String text, int min, int max) {
    if (text.length() < min || text.length() > max) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
