package ca.relais.intake;

import ca.relais.core.model.Language;

/**
 * Where a browser lands after posting a form: {@code /merci?id=…&lang=…}, rendered by {@link
 * FormPages#thanks} like every other page.
 */
final class ThankYouPage {

  static final String PATH = "/merci";

  private ThankYouPage() {}

  /** Where a browser is sent after a successful post. */
  static String location(String id, Language language) {
    return PATH + "?id=" + id + "&lang=" + language.code();
  }
}
