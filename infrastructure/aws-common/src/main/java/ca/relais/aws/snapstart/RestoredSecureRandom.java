package ca.relais.aws.snapstart;

import java.security.SecureRandom;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A {@link SecureRandom} made anew after each SnapStart restore, for ids and tokens that must be
 * unique across environments restored from one snapshot (AWS: "Handling uniqueness with Lambda
 * SnapStart"). Registers itself with {@code org.crac}; hold it in a field (or in a lambda that a
 * field holds).
 */
public final class RestoredSecureRandom implements Resource {

  private volatile SecureRandom random = new SecureRandom();

  private RestoredSecureRandom() {}

  /** A new source, registered for the restore hook. */
  public static RestoredSecureRandom create() {
    RestoredSecureRandom source = new RestoredSecureRandom();
    Core.getGlobalContext().register(source);
    return source;
  }

  /** 64 random bits from the current environment's generator. */
  public long nextLong() {
    return random.nextLong();
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {}

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    random = new SecureRandom();
  }
}
