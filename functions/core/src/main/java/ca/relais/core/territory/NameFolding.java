package ca.relais.core.territory;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Folds what people type into a comparable key: no case, no accents, apostrophes, dashes, dots,
 * spaces (including no-break spaces) and a few other separators all become one space, and the
 * abbreviations {@code St}, {@code Ste}, {@code Sts}, {@code Stes} are spelled out.
 * "ST-JEAN-PORT-JOLI" and "saint jean port joli" fold to the same key. Characters that are neither
 * letters, digits nor separators (controls, emoji, symbols) are kept, so such input never matches a
 * name.
 */
final class NameFolding {

  /** Separators besides whitespace, space characters and dashes. */
  private static final String OTHER_SEPARATORS = "'’‘`´ʼ.,!/_()";

  private NameFolding() {}

  /** One pass over the compatibility decomposition; no regular expressions (cold-start cost). */
  static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    int tokenStart = 0;
    boolean pendingSpace = false;
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (isInvisible(c)) {
        continue;
      }
      if (isSeparator(c)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        spellOutSaint(out, tokenStart);
        out.append(' ');
        tokenStart = out.length();
        pendingSpace = false;
      }
      switch (c) {
        case 'œ', 'Œ' -> out.append("oe");
        case 'æ', 'Æ' -> out.append("ae");
        default -> out.append(Character.toLowerCase(c));
      }
    }
    spellOutSaint(out, tokenStart);
    return out.toString();
  }

  /** Combining marks (the accents NFKD split off) and format characters (zero-width space...). */
  private static boolean isInvisible(char c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT;
  }

  private static boolean isSeparator(char c) {
    return c == ' '
        || c == '\t'
        || c == '\n'
        || c == '\r'
        || c == '\f'
        || c == '\u000B'
        || Character.isSpaceChar(c)
        || Character.getType(c) == Character.DASH_PUNCTUATION
        || OTHER_SEPARATORS.indexOf(c) >= 0;
  }

  /** Replaces the last token, from {@code start}, if it is St, Ste, Sts or Stes. */
  private static void spellOutSaint(StringBuilder out, int start) {
    int length = out.length() - start;
    if (length < 2 || length > 4 || out.charAt(start) != 's' || out.charAt(start + 1) != 't') {
      return;
    }
    String token = out.substring(start);
    String full =
        switch (token) {
          case "st" -> "saint";
          case "ste" -> "sainte";
          case "sts" -> "saints";
          case "stes" -> "saintes";
          default -> null;
        };
    if (full != null) {
      out.replace(start, out.length(), full);
    }
  }

  /** The key without a leading article ("la matanie" → "matanie"), or the key itself. */
  static String withoutArticle(String folded) {
    for (String article : new String[] {"la ", "le ", "les ", "l "}) {
      if (folded.startsWith(article) && folded.length() > article.length()) {
        return folded.substring(article.length());
      }
    }
    return folded;
  }

  /**
   * A folded text that starts with one of {@code words} followed by a connector: the word found and
   * what the rest may be called. "mrc des basques" gives {@code mrc} with "les basques" and
   * "basques"; "ville de la tuque" gives {@code ville} with "la tuque". Words are tried longest
   * first, so "village nordique de kuujjuaq" is {@code village nordique}, not {@code village}.
   *
   * @return the word and the candidate keys, best first; no keys when no word starts the text
   */
  static Stripped stripLeading(String folded, List<String> words) {
    List<String> longestFirst = new ArrayList<>(words);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    for (String word : longestFirst) {
      if (folded.startsWith(word + " ")) {
        return new Stripped(word, afterConnector(folded.substring(word.length() + 1)));
      }
    }
    return new Stripped("", List.of());
  }

  /** The rest without its connector (and with the article "du"/"des" stand for), then as is. */
  private static List<String> afterConnector(String rest) {
    List<String> keys = new ArrayList<>(3);
    for (String connector : new String[] {"de ", "d ", "of "}) {
      if (rest.startsWith(connector) && rest.length() > connector.length()) {
        keys.add(rest.substring(connector.length()));
      }
    }
    if (rest.startsWith("du ") && rest.length() > 3) {
      keys.add("le " + rest.substring(3));
      keys.add(rest.substring(3));
    }
    if (rest.startsWith("des ") && rest.length() > 4) {
      keys.add("les " + rest.substring(4));
      keys.add(rest.substring(4));
    }
    // An elided article is part of some names: "MRC D'Autray" is D'Autray, not Autray.
    keys.add(rest);
    return List.copyOf(keys);
  }

  /** The leading word removed by {@link #stripLeading} (empty if none) and the keys left. */
  record Stripped(String word, List<String> keys) {}
}
