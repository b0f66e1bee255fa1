package ca.relais.core.territory;

import ca.relais.core.territory.TerritoryResolution.Problem;
import ca.relais.core.territory.TerritoryResolution.ProblemKind;
import ca.relais.core.territory.TerritoryResolution.Resolved;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what people type into an MRC: an MRC by code or name, a municipality by code or name
 * (folding case, accents, dashes, apostrophes and St-/Ste-, following merger aliases).
 *
 * <p>Homonyms: with an MRC given, the one in that MRC; otherwise a local municipality is preferred
 * over land units of the same name (a Cree village over its category I land, a municipality over an
 * unorganised territory or a reserve); a name still shared across MRCs is ambiguous.
 */
public final class TerritoryResolver {

  private static final int MAX_INPUT = 200;

  /** Designations of land units rather than local municipalities (rank 1 and 2 below). */
  private static final Set<String> RESERVES = Set.of("Réserve indienne");

  private static final String[] MRC_PREFIXES = {
    "municipalite regionale de comte",
    "mrc",
    "territoire equivalent",
    "te",
    "ville",
    "agglomeration",
    "communaute maritime"
  };
  private static final String[] DESIGNATION_PREFIXES = {
    "ville",
    "municipalite",
    "paroisse",
    "canton",
    "cantons unis",
    "village",
    "cite",
    "village nordique"
  };
  private static final String[] OF = {"de", "du", "des", "d"};

  private final TerritoryDirectory directory;

  public TerritoryResolver(TerritoryDirectory directory) {
    this.directory = directory;
  }

  public TerritoryResolution resolve(Optional<String> municipality, Optional<String> mrc) {
    Optional<String> municipalityText = municipality.map(String::strip).filter(s -> !s.isEmpty());
    Optional<String> mrcText = mrc.map(String::strip).filter(s -> !s.isEmpty());
    if (municipalityText.isEmpty() && mrcText.isEmpty()) {
      return new Problem("municipality", ProblemKind.MISSING, List.of());
    }
    Optional<Mrc> givenMrc = Optional.empty();
    if (mrcText.isPresent()) {
      givenMrc = findMrc(mrcText.get());
      if (givenMrc.isEmpty()) {
        return new Problem("mrc", ProblemKind.UNKNOWN_MRC, List.of());
      }
    }
    if (municipalityText.isEmpty()) {
      return resolved(givenMrc.get(), Optional.empty());
    }
    List<Municipality> candidates = findMunicipalities(municipalityText.get());
    if (candidates.isEmpty()) {
      return new Problem("municipality", ProblemKind.UNKNOWN_MUNICIPALITY, List.of());
    }
    if (givenMrc.isPresent()) {
      String code = givenMrc.get().code();
      List<Municipality> inMrc = candidates.stream().filter(m -> m.mrcCode().equals(code)).toList();
      if (inMrc.isEmpty()) {
        return new Problem(
            "municipality",
            ProblemKind.MUNICIPALITY_NOT_IN_MRC,
            List.of(mrcName(best(candidates).mrcCode())));
      }
      return resolved(givenMrc.get(), Optional.of(best(inMrc)));
    }
    List<Municipality> preferred = mostLocal(candidates);
    if (preferred.stream().map(Municipality::mrcCode).distinct().count() > 1) {
      List<String> choices = new ArrayList<>();
      for (Municipality m : preferred) {
        choices.add(m.name() + " (" + mrcName(m.mrcCode()) + ")");
      }
      return new Problem("municipality", ProblemKind.AMBIGUOUS_MUNICIPALITY, choices);
    }
    Municipality chosen = best(preferred);
    Optional<Mrc> owner = directory.mrc(chosen.mrcCode());
    if (owner.isEmpty()) {
      return new Problem("municipality", ProblemKind.UNKNOWN_MUNICIPALITY, List.of());
    }
    return resolved(owner.get(), Optional.of(chosen));
  }

  private TerritoryResolution resolved(Mrc mrc, Optional<Municipality> municipality) {
    Region region =
        directory.region(mrc.regionCode()).orElse(new Region(mrc.regionCode(), mrc.regionCode()));
    return new Resolved(mrc, region, municipality);
  }

  private Optional<Mrc> findMrc(String text) {
    if (text.length() > MAX_INPUT) {
      return Optional.empty();
    }
    if (text.matches("\\d{1,3}")) {
      return directory.mrc("0".repeat(3 - text.length()) + text);
    }
    String folded = NameFolding.fold(text);
    String withoutKind = NameFolding.stripPrefix(folded, MRC_PREFIXES);
    for (String candidate :
        List.of(folded, withoutKind, NameFolding.stripPrefix(withoutKind, OF))) {
      Optional<Mrc> found = directory.mrcByFoldedName(candidate);
      if (found.isEmpty()) {
        found = directory.mrcByFoldedName(NameFolding.withoutArticle(candidate));
      }
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private List<Municipality> findMunicipalities(String text) {
    if (text.length() > MAX_INPUT) {
      return List.of();
    }
    if (text.matches("\\d{5}")) {
      return directory.municipality(text).map(List::of).orElse(List.of());
    }
    String folded = NameFolding.fold(text);
    Set<Municipality> found = new LinkedHashSet<>(directory.municipalitiesByFoldedName(folded));
    if (found.isEmpty()) {
      found.addAll(directory.aliasesByFoldedName(folded));
    }
    if (found.isEmpty()) {
      String stripped =
          NameFolding.stripPrefix(NameFolding.stripPrefix(folded, DESIGNATION_PREFIXES), OF);
      if (!stripped.equals(folded)) {
        found.addAll(directory.municipalitiesByFoldedName(stripped));
        if (found.isEmpty()) {
          found.addAll(directory.aliasesByFoldedName(stripped));
        }
      }
    }
    return List.copyOf(found);
  }

  /**
   * The candidates of the most local kind: local municipalities, else reserves, else land units.
   */
  private static List<Municipality> mostLocal(List<Municipality> candidates) {
    int best = candidates.stream().mapToInt(TerritoryResolver::rank).min().orElse(0);
    return candidates.stream().filter(m -> rank(m) == best).toList();
  }

  /**
   * 0: a local municipality (Municipalité, Ville, Paroisse, Canton, Village, Cantons unis, Village
   * nordique, Village cri, Village naskapi, Gouvernement régional); 1: a reserve or an Indian
   * settlement; 2: land without a local government (Terre de la catégorie I/IA/IB, unorganised
   * territory).
   */
  static int rank(Municipality m) {
    String designation = m.designation();
    if (designation.startsWith("Terre de la catégorie")
        || designation.equals("Territoire non organisé")) {
      return 2;
    }
    if (RESERVES.contains(designation) || designation.startsWith("Établissement")) {
      return 1;
    }
    return 0;
  }

  private static Municipality best(List<Municipality> candidates) {
    return candidates.stream()
        .min(Comparator.comparingInt(TerritoryResolver::rank).thenComparing(Municipality::code))
        .orElseThrow();
  }

  private String mrcName(String code) {
    return directory.mrc(code).map(Mrc::name).orElse(code);
  }
}
