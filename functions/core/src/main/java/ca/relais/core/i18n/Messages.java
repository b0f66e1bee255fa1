package ca.relais.core.i18n;

import ca.relais.core.model.Language;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing text in French and English from {@code i18n/messages*.properties} (UTF-8). Arguments
 * are substituted for {@code {0}}, {@code {1}}... literally: no {@code MessageFormat}, whose
 * quoting rules would eat French apostrophes.
 */
public final class Messages {

  private static final Map<Language, Messages> CACHE = new EnumMap<>(Language.class);

  private final ResourceBundle bundle;

  private Messages(ResourceBundle bundle) {
    this.bundle = bundle;
  }

  /** The messages of one language; bundles are loaded once per JVM. */
  public static synchronized Messages of(Language language) {
    return CACHE.computeIfAbsent(
        language,
        lang ->
            new Messages(
                ResourceBundle.getBundle(
                    "i18n.messages",
                    lang.locale(),
                    ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES))));
  }

  /** The text of a key with its arguments; the key itself if a translation is missing. */
  public String format(String key, List<String> arguments) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      pattern = key;
    }
    String out = pattern;
    for (int i = 0; i < arguments.size(); i++) {
      out = out.replace("{" + i + "}", arguments.get(i));
    }
    return out;
  }

  public String format(String key, String... arguments) {
    return format(key, List.of(arguments));
  }
}
