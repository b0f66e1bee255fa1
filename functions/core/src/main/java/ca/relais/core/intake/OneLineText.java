package ca.relais.core.intake;

import java.util.Set;

/**
 * The characters a one-line field (a name, a municipality, a place, an availability...) may hold:
 * printable text only. Refused: every control character (C0 such as CR, LF and TAB, DEL, C1 such as
 * NEL U+0085), line and paragraph separators (U+2028, U+2029) and invisible formatting characters
 * (Unicode category Cf: zero-width spaces, bidirectional overrides and isolates, the byte-order
 * mark, soft hyphens, tags; and the Hangul fillers that display as nothing). A line break in a name
 * could forge a line of the agent's alert; an invisible character hides what was typed.
 *
 * <p>One exception keeps emoji whole: a zero-width joiner (U+200D) between two non-ASCII
 * characters, as in 👩‍💻 or ❤️‍🔥.
 */
public final class OneLineText {

  private static final int ZERO_WIDTH_JOINER = 0x200D;

  /** Hangul fillers: letters (category Lo) that display as nothing. */
  private static final Set<Integer> INVISIBLE_LETTERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0);

  private OneLineText() {}

  /** True when every character of the value may stand in a one-line field. */
  public static boolean isValid(String value) {
    return onlyVisible(value, false);
  }

  /**
   * True when every character is visible, line breaks and tabs aside when {@code lineBreaks}: the
   * rule of {@link FreeText}.
   */
  static boolean onlyVisible(String value, boolean lineBreaks) {
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      if (!isVisible(cp, lineBreaks) && !(cp == ZERO_WIDTH_JOINER && joinsTwoSymbols(value, i))) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  private static boolean isVisible(int cp, boolean lineBreaks) {
    if (cp == '\n' || cp == '\r' || cp == '\t') {
      return lineBreaks;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT -> false;
      case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> lineBreaks;
      default -> !INVISIBLE_LETTERS.contains(cp);
    };
  }

  /** A joiner inside an emoji sequence: a visible non-ASCII character on each side. */
  private static boolean joinsTwoSymbols(String value, int index) {
    if (index == 0 || index + 1 >= value.length()) {
      return false;
    }
    int before = value.codePointBefore(index);
    int after = value.codePointAt(index + 1);
    return before > 0x7F && after > 0x7F && isVisible(before, false) && isVisible(after, false);
  }
}
