package ca.relais.local.crac;

/**
 * The local stack's stand-in for {@code jdk.crac.Resource}: what {@code org.crac} registers when
 * the JVM has no CRaC of its own (see {@link Core}).
 */
public interface Resource {

  /** Called before the snapshot, as Lambda's SnapStart does after init. */
  void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

  /** Called after the restore, before the first invocation. */
  void afterRestore(Context<? extends Resource> context) throws Exception;
}
