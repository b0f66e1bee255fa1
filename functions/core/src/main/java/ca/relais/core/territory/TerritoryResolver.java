package ca.relais.core.territory;

import ca.relais.core.territory.TerritoryResolution.Problem;
import ca.relais.core.territory.TerritoryResolution.ProblemKind;
import ca.relais.core.territory.TerritoryResolution.Resolved;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Turns what a person typed into the MRC a submission belongs to. The MRC field takes a code
 * ({@code 100}, {@code 80}) or a name ("MRC de Rimouski-Neigette", "Lévis"); the municipality field
 * takes a 5-digit code or a name, folded (case, accents, dashes, apostrophes, {@code St-}/{@code
 * Ste-}), with or without its designation ("Ville de Rimouski"), or a former name ("Asbestos").
 *
 * <p>Names shared by several entities (58 in the data):
 *
 * <ul>
 *   <li>with an MRC given, the one in that MRC;
 *   <li>all in one MRC: the only local municipality among them (a Cree village over the category I
 *       land beside it, Cacouna over its reserve); with several local ones (Ville and Canton de
 *       Bedford) the MRC is certain but the municipality is left empty rather than guessed;
 *   <li>in several MRCs: ambiguous, even when only one is a local municipality. A municipality is
 *       preferred over a land unit of the <em>same place</em> only: Lac-Simon the municipality
 *       (Papineau) and Lac-Simon the reserve (La Vallée-de-l'Or) are 300 km apart, and picking one
 *       would send an alert to the wrong network.
 * </ul>
 *
 * <p>Never throws on user input: anything unreadable is an unknown MRC or municipality.
 */
public final class TerritoryResolver {

  private static final String MUNICIPALITY = "municipality";
  private static final String MRC = "mrc";

  private final TerritoryDirectory directory;
  private final MrcFinder mrcFinder;
  private final MunicipalityFinder municipalityFinder;
  private final BooleanSupplier testTerritoryOpen;

  /**
   * A resolver over the given directory (usually {@link TerritoryDirectory#loadDefault()}), without
   * the {@link TestTerritory}.
   */
  public TerritoryResolver(TerritoryDirectory directory) {
    this(directory, () -> false);
  }

  /**
   * A resolver that also resolves the {@link TestTerritory} ({@code mrc} = {@code 999}) while
   * {@code testTerritoryOpen} says so (asked only when someone names it).
   */
  public TerritoryResolver(TerritoryDirectory directory, BooleanSupplier testTerritoryOpen) {
    this.directory = directory;
    this.mrcFinder = new MrcFinder(directory);
    this.municipalityFinder = new MunicipalityFinder(directory, mrcFinder);
    this.testTerritoryOpen = testTerritoryOpen;
  }

  /**
   * Resolves a municipality and an MRC, both optional (empty or blank means not given).
   *
   * @return the MRC (with its region, and the municipality when one was pinned down), or the
   *     problem to show on the field the person must fix
   */
  public TerritoryResolution resolve(Optional<String> municipality, Optional<String> mrc) {
    Optional<String> municipalityText = Input.given(municipality);
    Optional<String> mrcText = Input.given(mrc);
    if (municipalityText.isEmpty() && mrcText.isEmpty()) {
      return problem(MUNICIPALITY, ProblemKind.MISSING, List.of());
    }
    if (mrcText.isPresent()
        && TestTerritory.isMrcCode(mrcText.get().trim())
        && testTerritoryOpen.getAsBoolean()) {
      return TestTerritory.resolution();
    }
    Optional<Mrc> givenMrc = Optional.empty();
    if (mrcText.isPresent()) {
      givenMrc = findMrc(mrcText.get());
      if (givenMrc.isEmpty()) {
        return problem(MRC, ProblemKind.UNKNOWN_MRC, List.of());
      }
    }
    if (municipalityText.isEmpty()) {
      return resolved(givenMrc.get(), Optional.empty());
    }
    MunicipalityFinder.Found found = findMunicipality(municipalityText.get());
    if (found.isEmpty()) {
      return problem(MUNICIPALITY, ProblemKind.UNKNOWN_MUNICIPALITY, List.of());
    }
    Optional<Mrc> scope = givenMrc.or(found::mrcHint);
    return scope.isPresent() ? withinMrc(found, scope.get()) : anywhere(found);
  }

  private Optional<Mrc> findMrc(String text) {
    return Input.tooLong(text) ? Optional.empty() : mrcFinder.find(text);
  }

  private MunicipalityFinder.Found findMunicipality(String text) {
    return Input.tooLong(text) ? MunicipalityFinder.Found.NOTHING : municipalityFinder.find(text);
  }

  /** The entity of that name in the MRC given; a current name first, then a former one. */
  private TerritoryResolution withinMrc(MunicipalityFinder.Found found, Mrc mrc) {
    List<Municipality> primary = found.names().isEmpty() ? found.formerNames() : found.names();
    List<Municipality> inMrc = inMrc(primary, mrc);
    if (inMrc.isEmpty()) {
      inMrc = inMrc(found.formerNames(), mrc);
    }
    if (inMrc.isEmpty()) {
      List<String> actual = primary.stream().map(m -> mrcName(m.mrcCode())).distinct().toList();
      return problem(MUNICIPALITY, ProblemKind.MUNICIPALITY_NOT_IN_MRC, actual);
    }
    return inOneMrc(mrc, inMrc);
  }

  private TerritoryResolution anywhere(MunicipalityFinder.Found found) {
    List<Municipality> candidates = found.names().isEmpty() ? found.formerNames() : found.names();
    List<String> mrcCodes = candidates.stream().map(Municipality::mrcCode).distinct().toList();
    if (mrcCodes.size() == 1) {
      return inOneMrc(directory.mrc(mrcCodes.get(0)).orElseThrow(), candidates);
    }
    List<String> choices =
        candidates.stream()
            .map(m -> m.name() + " (" + mrcName(m.mrcCode()) + ")")
            .distinct()
            .toList();
    return problem(MUNICIPALITY, ProblemKind.AMBIGUOUS_MUNICIPALITY, choices);
  }

  /** Candidates all in one MRC: the only one, else the only local municipality, else none. */
  private TerritoryResolution inOneMrc(Mrc mrc, List<Municipality> candidates) {
    if (candidates.size() == 1) {
      return resolved(mrc, Optional.of(candidates.get(0)));
    }
    List<Municipality> local =
        candidates.stream().filter(Designations::isLocalMunicipality).toList();
    return resolved(mrc, local.size() == 1 ? Optional.of(local.get(0)) : Optional.empty());
  }

  private static List<Municipality> inMrc(List<Municipality> candidates, Mrc mrc) {
    return candidates.stream().filter(m -> m.mrcCode().equals(mrc.code())).toList();
  }

  private Resolved resolved(Mrc mrc, Optional<Municipality> municipality) {
    // The directory checks at load time that every MRC's region exists.
    return new Resolved(mrc, directory.region(mrc.regionCode()).orElseThrow(), municipality);
  }

  private String mrcName(String code) {
    return directory.mrc(code).map(Mrc::name).orElse(code);
  }

  private static Problem problem(String field, ProblemKind kind, List<String> candidates) {
    return new Problem(field, kind, candidates);
  }
}
