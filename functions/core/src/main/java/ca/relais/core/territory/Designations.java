package ca.relais.core.territory;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code designation} column of municipalities.csv: which entities are local municipalities and
 * which are land units, and the designation words people put before a name ("Ville de Rimouski").
 *
 * <p>Local municipalities (1,123 in the 2026-03 data, as the reference README counts them):
 * Municipalité, Ville, Paroisse, Canton, Cantons unis, Village, Village nordique (Inuit), Village
 * cri (Terre de la catégorie IB) and Village naskapi (Terre de la catégorie IB-N) — the Cree and
 * Naskapi villages are municipalities with a council, even though their land is category IB — and
 * the Gouvernement régional d'Eeyou Istchee Baie-James.
 *
 * <p>Land units (163): Territoire non organisé, Réserve indienne, Terre de la catégorie I / IA /
 * IA-N (reserved Cree, Inuit and Naskapi land beside the village of the same name) and the five
 * Indian settlements taken from Statistics Canada. Any designation not listed here counts as a
 * local municipality; a test pins both counts so a new designation in the data is noticed.
 */
final class Designations {

  static final Set<String> LAND_UNITS =
      Set.of(
          "Territoire non organisé",
          "Réserve indienne",
          "Terre de la catégorie I",
          "Terre de la catégorie IA",
          "Terre de la catégorie IA-N",
          "Établissement indien (S-É, StatCan)");

  /** Folded words typed before a name, each with the folded designation it stands for. */
  private static final Map<String, String> TYPED_WORDS =
      Map.ofEntries(
          Map.entry("municipalite", "municipalite"),
          Map.entry("municipality", "municipalite"),
          Map.entry("ville", "ville"),
          Map.entry("cite", "ville"),
          Map.entry("city", "ville"),
          Map.entry("town", "ville"),
          Map.entry("paroisse", "paroisse"),
          Map.entry("parish", "paroisse"),
          Map.entry("canton", "canton"),
          Map.entry("township", "canton"),
          Map.entry("cantons unis", "cantons unis"),
          Map.entry("village", "village"),
          Map.entry("village nordique", "village nordique"),
          Map.entry("village cri", "village cri"),
          Map.entry("village naskapi", "village naskapi"),
          Map.entry("territoire non organise", "territoire non organise"),
          Map.entry("tno", "territoire non organise"),
          Map.entry("reserve indienne", "reserve indienne"),
          Map.entry("reserve", "reserve indienne"));

  static final List<String> TYPED = List.copyOf(TYPED_WORDS.keySet());

  private Designations() {}

  static boolean isLocalMunicipality(Municipality m) {
    return !LAND_UNITS.contains(m.designation());
  }

  /** Whether a designation word typed before the name ("canton") fits this entity. */
  static boolean fits(Municipality m, String typedWord) {
    String wanted = TYPED_WORDS.get(typedWord);
    if (wanted == null) {
      return false;
    }
    String designation = NameFolding.fold(m.designation());
    return designation.equals(wanted) || designation.startsWith(wanted + " ");
  }
}
