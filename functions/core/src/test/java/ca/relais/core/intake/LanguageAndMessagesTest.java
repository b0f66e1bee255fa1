package ca.relais.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.core.i18n.Messages;
import ca.relais.core.model.Language;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageAndMessagesTest {

  @Test
  void acceptLanguagePicksFirstOfFrenchOrEnglish_defaultFrench() {
    assertEquals(Language.EN, Language.fromAcceptLanguage(Optional.of("en-CA,en;q=0.9,fr;q=0.8")));
    assertEquals(Language.FR, Language.fromAcceptLanguage(Optional.of("de-DE,fr;q=0.5,en;q=0.4")));
    assertEquals(Language.EN, Language.fromAcceptLanguage(Optional.of("de, en;q=0.5")));
    assertEquals(Language.FR, Language.fromAcceptLanguage(Optional.of("es")));
    assertEquals(Language.FR, Language.fromAcceptLanguage(Optional.empty()));
    assertEquals(Language.FR, Language.fromAcceptLanguage(Optional.of(";;;==garbage")));
  }

  @Test
  void frenchMessagesKeepApostrophesAndSubstituteArguments() {
    assertEquals(
        "Ce champ n’est pas reconnu par ce formulaire.",
        Messages.of(Language.FR).format("field.unknown"));
    assertEquals(
        "Ce champ dépasse la limite de 100 caractères.",
        Messages.of(Language.FR).format("field.too_long", "100"));
    assertEquals(
        "This field is longer than 100 characters.",
        Messages.of(Language.EN).format("field.too_long", "100"));
  }
}
