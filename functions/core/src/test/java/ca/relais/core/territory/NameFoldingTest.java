package ca.relais.core.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameFoldingTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Saint-Jean-Port-Joli       | saint jean port joli",
        "ST JEAN PORT JOLI          | saint jean port joli",
        "St.-Jean--Port – Joli      | saint jean port joli",
        "Ste-Anne-des-Monts         | sainte anne des monts",
        "Sts-Martyrs-Canadiens      | saints martyrs canadiens",
        "Stes-Marie                 | saintes marie",
        "L'Islet                    | l islet",
        "L’ÎSLET                    | l islet",
        "Lac-Mégantic               | lac megantic",
        "Courcelles–Saint-Évariste  | courcelles saint evariste",
        "Notre-Dame-du-Mont-Carmel  | notre dame du mont carmel",
        "Saint-Louis-du-Ha! Ha!     | saint louis du ha ha",
        "Stanstead                  | stanstead",
        "Stoke                      | stoke",
      })
  void foldsCaseAccentsApostrophesDashesAndSaintAbbreviations(String typed, String key) {
    assertEquals(key, NameFolding.fold(typed));
  }

  @Test
  void treatsNoBreakAndZeroWidthCharactersAsInvisible() {
    assertEquals("saint jean", NameFolding.fold("Saint\u00A0Jean"));
    assertEquals("saint jean", NameFolding.fold("Saint\u202FJean"));
    assertEquals("rimouski", NameFolding.fold("Rimou\u200Bski"));
  }

  @Test
  void keepsControlCharactersAndEmojiSoTheyNeverMatchAName() {
    assertNotEquals("rimouski", NameFolding.fold("Rimouski\u0000"));
    assertNotEquals("rimouski", NameFolding.fold("Rimouski 🙂"));
  }

  @Test
  void stripsALeadingWordAndItsConnectorRestoringTheArticle() {
    List<String> words = List.of("mrc", "village", "village nordique");
    assertEquals(
        List.of("les basques", "basques", "des basques"),
        NameFolding.stripLeading("mrc des basques", words).keys());
    assertEquals(
        List.of("le granit", "granit", "du granit"),
        NameFolding.stripLeading("mrc du granit", words).keys());
    assertEquals(
        List.of("la matanie", "de la matanie"),
        NameFolding.stripLeading("mrc de la matanie", words).keys());
    assertEquals(
        List.of("autray", "d autray"), NameFolding.stripLeading("mrc d autray", words).keys());
    assertEquals(
        List.of("rimouski neigette"),
        NameFolding.stripLeading("mrc rimouski neigette", words).keys());
    NameFolding.Stripped village = NameFolding.stripLeading("village nordique de kuujjuaq", words);
    assertEquals("village nordique", village.word());
    assertEquals(List.of("kuujjuaq", "de kuujjuaq"), village.keys());
    assertEquals(List.of(), NameFolding.stripLeading("rimouski", words).keys());
    assertEquals(List.of(), NameFolding.stripLeading("mrc", words).keys());
  }

  @Test
  void dropsALeadingArticle() {
    assertEquals("matanie", NameFolding.withoutArticle("la matanie"));
    assertEquals("islet", NameFolding.withoutArticle("l islet"));
    assertEquals("lac etchemin", NameFolding.withoutArticle("lac etchemin"));
  }
}
