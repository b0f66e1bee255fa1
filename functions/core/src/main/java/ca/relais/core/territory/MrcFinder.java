package ca.relais.core.territory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds an MRC or TE from what people type: its MAMH code ({@code 100}, or {@code 80} for {@code
 * 080}) or its name, with or without a prefix ("MRC de Rimouski-Neigette", "MRC des Basques", "TE
 * Lévis", "Ville de Québec", "Agglomération de Longueuil") and with or without its article
 * ("Matanie").
 */
final class MrcFinder {

  private static final List<String> PREFIXES =
      List.of(
          "municipalite regionale de comte",
          "mrc",
          "m r c",
          "territoire equivalent",
          "te",
          "ville",
          "city",
          "agglomeration",
          "communaute maritime");

  private final TerritoryDirectory directory;

  MrcFinder(TerritoryDirectory directory) {
    this.directory = directory;
  }

  /** The MRC meant by already stripped, non-blank text of at most {@link Input#MAX_LENGTH}. */
  Optional<Mrc> find(String text) {
    if (Input.isDigits(text, 1, 3)) {
      return directory.mrc("0".repeat(3 - text.length()) + text);
    }
    String folded = NameFolding.fold(text);
    List<String> keys = new ArrayList<>();
    keys.add(folded);
    keys.addAll(NameFolding.stripLeading(folded, PREFIXES).keys());
    for (String key : keys) {
      Optional<Mrc> found =
          directory
              .mrcByFoldedName(key)
              .or(() -> directory.mrcByFoldedName(NameFolding.withoutArticle(key)));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
