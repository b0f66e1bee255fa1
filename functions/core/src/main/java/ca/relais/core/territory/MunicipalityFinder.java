package ca.relais.core.territory;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the municipalities a typed text may designate, before homonyms are settled: by 5-digit
 * code, by name (folded), by name after a designation ("Canton de Bedford", which also picks the
 * canton among same-named entities), by a former name (aliases.csv), and by a choice shown back in
 * the form "Saint-Lambert (Abitibi-Ouest)", whose MRC becomes a hint.
 */
final class MunicipalityFinder {

  private static final Pattern WITH_MRC = Pattern.compile("(.+?)\\s*\\(([^()]+)\\)");

  private final TerritoryDirectory directory;
  private final MrcFinder mrcFinder;

  MunicipalityFinder(TerritoryDirectory directory, MrcFinder mrcFinder) {
    this.directory = directory;
    this.mrcFinder = mrcFinder;
  }

  /** What already stripped, non-blank text of at most {@link Input#MAX_LENGTH} may designate. */
  Found find(String text) {
    if (Input.isDigits(text, 5, 5)) {
      return new Found(directory.municipality(text).map(List::of).orElse(List.of()));
    }
    Found byName = byName(NameFolding.fold(text));
    if (!byName.isEmpty()) {
      return byName;
    }
    Matcher withMrc = WITH_MRC.matcher(text);
    if (withMrc.matches()) {
      Optional<Mrc> hint = mrcFinder.find(withMrc.group(2).strip());
      Found inner = byName(NameFolding.fold(withMrc.group(1)));
      if (hint.isPresent() && !inner.isEmpty()) {
        return new Found(inner.names(), inner.formerNames(), hint);
      }
    }
    return Found.NOTHING;
  }

  private Found byName(String folded) {
    Found found =
        new Found(
            directory.municipalitiesByFoldedName(folded),
            directory.aliasesByFoldedName(folded),
            Optional.empty());
    if (!found.isEmpty()) {
      return found;
    }
    NameFolding.Stripped stripped = NameFolding.stripLeading(folded, Designations.TYPED);
    for (String key : stripped.keys()) {
      Found rest =
          new Found(
              fitting(directory.municipalitiesByFoldedName(key), stripped.word()),
              fitting(directory.aliasesByFoldedName(key), stripped.word()),
              Optional.empty());
      if (!rest.isEmpty()) {
        return rest;
      }
    }
    return Found.NOTHING;
  }

  /** Those of the designation typed, if any is; otherwise all ("Ville de" said of a paroisse). */
  private static List<Municipality> fitting(List<Municipality> candidates, String typedWord) {
    List<Municipality> fit =
        candidates.stream().filter(m -> Designations.fits(m, typedWord)).toList();
    return fit.isEmpty() ? candidates : fit;
  }

  /**
   * Entities whose current name matches, those a former name may mean (used when no current name
   * matches, or none in the MRC given), and an MRC named in parentheses after the name.
   */
  record Found(List<Municipality> names, List<Municipality> formerNames, Optional<Mrc> mrcHint) {

    static final Found NOTHING = new Found(List.of(), List.of(), Optional.empty());

    Found(List<Municipality> byCode) {
      this(byCode, List.of(), Optional.empty());
    }

    boolean isEmpty() {
      return names.isEmpty() && formerNames.isEmpty();
    }
  }
}
