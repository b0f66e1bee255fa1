package ca.relais.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The person tool's rectify takes a value only as intake would take it. */
class RectifyValuesTest {

  @Test
  void valuesIntakeRefusesAreRefused_namingTheAttribute() {
    for (String[] bad :
        new String[][] {
          {"firstName", "A\nB"},
          {"lastName", "Roy\u200b"},
          {"reporterName", "  "},
          {"email", "a..b@example.org"},
          {"reporterEmail", "prenom.nom.@example.org"},
          {"phone", "pas un numéro"},
          {"place", "Rue\r\nBcc: x@example.org"},
          {"description", "texte\u0007"}
        }) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class,
              () -> PersonRights.validated(bad[0], bad[1]),
              bad[0] + " " + bad[1]);
      assertTrue(refused.getMessage().contains(bad[0]), refused.getMessage());
    }
  }

  @Test
  void goodValuesAreKept_aPhoneStoredAsIntakeStoresIt() {
    assertEquals("+14185550142;ext=12", PersonRights.validated("phone", "(418) 555-0142 poste 12"));
    assertEquals("Marie-Ève", PersonRights.validated("firstName", " Marie-Ève "));
    assertEquals("ligne 1\nligne 2", PersonRights.validated("description", "ligne 1\nligne 2"));
    assertEquals("jean@example.org", PersonRights.validated("email", "jean@example.org"));
  }
}
