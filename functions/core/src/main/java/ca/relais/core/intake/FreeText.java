package ca.relais.core.intake;

/**
 * The characters a free-text field (a description, a message) may hold: those of {@link
 * OneLineText}, plus line breaks (CR, LF, U+2028, U+2029) and tabs. Every other control character
 * and invisible formatting character is refused.
 */
public final class FreeText {

  private FreeText() {}

  /** True when every character of the value may stand in a free-text field. */
  public static boolean isValid(String value) {
    return OneLineText.onlyVisible(value, true);
  }
}
