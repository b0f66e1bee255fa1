package ca.relais.core.territory;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds what people type into a comparable key: no case, no accents, apostrophes, dashes, dots and
 * commas as spaces, {@code St}/{@code Ste} spelled out. "ST-JEAN-PORT-JOLI" and "saint jean port
 * joli" fold to the same key.
 */
final class NameFolding {

  private NameFolding() {}

  static String fold(String text) {
    String noMarks = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String spaced =
        noMarks.toLowerCase(Locale.ROOT).replaceAll("[\\p{Pd}'’`´‘.,/_()\\s]+", " ").strip();
    StringBuilder out = new StringBuilder(spaced.length() + 8);
    for (String token : spaced.split(" ")) {
      if (token.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(
          switch (token) {
            case "st" -> "saint";
            case "ste" -> "sainte";
            case "sts" -> "saints";
            case "stes" -> "saintes";
            default -> token;
          });
    }
    return out.toString();
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

  /** Removes one leading word from a list ("mrc de rimouski" with "mrc" → "de rimouski"). */
  static String stripPrefix(String folded, String... prefixes) {
    for (String prefix : prefixes) {
      if (folded.startsWith(prefix + " ") && folded.length() > prefix.length() + 1) {
        return folded.substring(prefix.length() + 1);
      }
    }
    return folded;
  }
}
