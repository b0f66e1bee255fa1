package ca.relais.core.territory;

import java.util.List;
import java.util.Optional;

/** What a territory resolution gives: an MRC (and maybe a municipality), or a problem to show. */
public sealed interface TerritoryResolution
    permits TerritoryResolution.Resolved, TerritoryResolution.Problem {

  /**
   * Where the submission belongs: always an MRC (or TE) and its region. The municipality is empty
   * when none was given, or when the name given designates several entities of that same MRC that
   * nothing tells apart (Ville and Canton de Bedford): the MRC is certain, the municipality is not
   * guessed.
   */
  record Resolved(Mrc mrc, Region region, Optional<Municipality> municipality)
      implements TerritoryResolution {}

  /**
   * What the person must fix: {@code field} is {@code municipality} or {@code mrc}. Candidates, for
   * {@link ProblemKind#AMBIGUOUS_MUNICIPALITY}, are human-readable choices, one per MRC
   * ("Saint-Lambert (Longueuil)", "Saint-Lambert (Abitibi-Ouest)"), which the resolver accepts back
   * as typed; for {@link ProblemKind#MUNICIPALITY_NOT_IN_MRC}, the name of the municipality's
   * actual MRC (one per MRC if the name is shared); otherwise empty.
   */
  record Problem(String field, ProblemKind kind, List<String> candidates)
      implements TerritoryResolution {
    public Problem {
      candidates = List.copyOf(candidates);
    }
  }

  /** The kinds of problem. */
  enum ProblemKind {
    /** Neither a municipality nor an MRC was given. */
    MISSING,
    /** The MRC given is no MRC or TE code or name. */
    UNKNOWN_MRC,
    /** The municipality given is no municipality code, name or former name. */
    UNKNOWN_MUNICIPALITY,
    /** The name is shared by entities in several MRCs and no MRC was given. */
    AMBIGUOUS_MUNICIPALITY,
    /** The municipality is not in the MRC given. */
    MUNICIPALITY_NOT_IN_MRC
  }
}
