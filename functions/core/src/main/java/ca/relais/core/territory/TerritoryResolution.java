package ca.relais.core.territory;

import java.util.List;
import java.util.Optional;

/** What a territory resolution gives: an MRC (and maybe a municipality), or a problem to show. */
public sealed interface TerritoryResolution
    permits TerritoryResolution.Resolved, TerritoryResolution.Problem {

  /** Where the submission belongs. */
  record Resolved(Mrc mrc, Region region, Optional<Municipality> municipality)
      implements TerritoryResolution {}

  /**
   * What the person must fix: {@code field} is {@code municipality} or {@code mrc}; candidates are
   * human-readable choices ("Saint-Lambert (Longueuil)") or, for a municipality outside the MRC
   * given, the name of its actual MRC.
   */
  record Problem(String field, ProblemKind kind, List<String> candidates)
      implements TerritoryResolution {
    public Problem {
      candidates = List.copyOf(candidates);
    }
  }

  /** The kinds of problem. */
  enum ProblemKind {
    MISSING,
    UNKNOWN_MRC,
    UNKNOWN_MUNICIPALITY,
    AMBIGUOUS_MUNICIPALITY,
    MUNICIPALITY_NOT_IN_MRC
  }
}
