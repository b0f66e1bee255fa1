package ca.relais.core.model;

import java.util.Locale;
import java.util.Optional;

/** The two languages Relais speaks. French is the default everywhere. */
public enum Language {
  FR(Locale.CANADA_FRENCH),
  EN(Locale.CANADA);

  private final Locale locale;

  Language(Locale locale) {
    this.locale = locale;
  }

  public Locale locale() {
    return locale;
  }

  /** The lowercase code used in forms and records: {@code fr} or {@code en}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code fr}, {@code en}, {@code fr-CA}, {@code English}, {@code français}... */
  public static Optional<Language> parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("fr") || v.startsWith("fr-") || v.startsWith("fr_") || v.startsWith("fran")) {
      return Optional.of(FR);
    }
    if (v.equals("en")
        || v.startsWith("en-")
        || v.startsWith("en_")
        || v.startsWith("engl")
        || v.startsWith("angl")) {
      return Optional.of(EN);
    }
    return Optional.empty();
  }

  /**
   * The preferred language of an {@code Accept-Language} header: the first of fr/en by quality,
   * French when the header is absent, malformed or names neither.
   */
  public static Language fromAcceptLanguage(Optional<String> header) {
    if (header.isEmpty() || header.get().isBlank()) {
      return FR;
    }
    try {
      for (Locale.LanguageRange range : Locale.LanguageRange.parse(header.get())) {
        if (range.getWeight() <= 0) {
          continue;
        }
        Optional<Language> lang = parse(range.getRange());
        if (lang.isPresent()) {
          return lang.get();
        }
      }
    } catch (IllegalArgumentException malformed) {
      return FR;
    }
    return FR;
  }
}
