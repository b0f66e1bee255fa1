package ca.relais.core.forms;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How choice labels and question titles are compared: whatever the case, accents, typographic
 * apostrophes or spacing ({@code « Bon coup! »} matches {@code bon coup!}).
 */
final class ChoiceFolding {

  private ChoiceFolding() {}

  static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    boolean space = false;
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      if (c == '’' || c == '‘' || c == 'ʼ' || c == '`' || c == '´') {
        c = '\'';
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '«' || c == '»') {
        space = out.length() > 0;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.append(c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
