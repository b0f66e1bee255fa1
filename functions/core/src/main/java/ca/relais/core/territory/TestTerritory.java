package ca.relais.core.territory;

import ca.relais.core.routing.Scope;
import java.util.Optional;

/**
 * The territory a smoke test of a deployment posts to, so that no real agent is ever alerted: MRC
 * code {@code 999} (no MAMH code), region {@code 99}. It exists only while the routing directory
 * names a recipient for MRC {@code 999} (SES's mailbox simulator, {@code
 * success@simulator.amazonses.com}); otherwise {@code 999} is an unknown MRC like any other. Its
 * submissions go only to that recipient (never to a region's team or the program inbox) and appear
 * in no digest.
 */
public final class TestTerritory {

  /** The MRC code to give in the {@code mrc} field. */
  public static final String MRC_CODE = "999";

  /** Its region code (no administrative region has it). */
  public static final String REGION_CODE = "99";

  private static final Mrc MRC = new Mrc(MRC_CODE, "Territoire d'essai", REGION_CODE, "TEST");
  private static final Region REGION = new Region(REGION_CODE, "Essai");

  private TestTerritory() {}

  /** True for the test territory's MRC code. */
  public static boolean isMrcCode(String code) {
    return MRC_CODE.equals(code);
  }

  /** True for the routing scope of the test territory (MRC {@code 999}). */
  public static boolean isScope(Scope scope) {
    return scope.kind() == Scope.Kind.MRC && isMrcCode(scope.code());
  }

  /** The routing scope of its recipient. */
  public static Scope scope() {
    return Scope.mrc(MRC_CODE);
  }

  /** What an {@code mrc} field of {@code 999} resolves to while the territory is open. */
  static TerritoryResolution resolution() {
    return new TerritoryResolution.Resolved(MRC, REGION, Optional.empty());
  }
}
