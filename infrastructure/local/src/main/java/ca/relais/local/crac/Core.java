package ca.relais.local.crac;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * SnapStart's runtime hooks for functions that run in the local stack. Lambda calls the {@code
 * org.crac} resources a function registers during init: {@code beforeCheckpoint} (last registered
 * first) before the snapshot, then {@code afterRestore} (first registered first) when a new
 * environment is restored. This JVM has no CRaC, so {@code org.crac} would drop the registrations;
 * the system property {@code org.crac.Core.Compat=ca.relais.local.crac} (set by {@link #install()}
 * before {@code org.crac.Core} loads) makes {@code org.crac} register with this package instead,
 * and {@link #snapshotAndRestore} calls the hooks of the resources registered while one function
 * initialised, once.
 *
 * <p>{@code org.crac} looks this class up by name: {@link #getGlobalContext()} and {@link
 * #checkpointRestore()} must stay.
 */
public final class Core {

  private static final ThreadLocal<List<Resource>> INITIALISING = new ThreadLocal<>();

  private static final Context<Resource> GLOBAL =
      new Context<>() {
        @Override
        public void register(Resource resource) {
          List<Resource> collecting = INITIALISING.get();
          if (collecting != null) {
            collecting.add(resource);
          }
          // Outside a function's init (during an invocation) there is no snapshot to come.
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {}

        @Override
        public void afterRestore(Context<? extends Resource> context) {}
      };

  private Core() {}

  /**
   * Makes {@code org.crac} use this package; without effect if {@code org.crac.Core} was already
   * loaded in this JVM.
   */
  public static void install() {
    System.setProperty("org.crac.Core.Compat", Core.class.getPackageName());
  }

  /** Called by {@code org.crac}. */
  public static Context<Resource> getGlobalContext() {
    return GLOBAL;
  }

  /** Called by {@code org.crac.Core.checkpointRestore()}: a function cannot ask for a snapshot. */
  public static void checkpointRestore() throws CheckpointException, RestoreException {
    throw new UnsupportedOperationException("The local stack takes no snapshot on request");
  }

  /**
   * Runs a function's init, then calls the hooks of the resources it registered, once, as a
   * SnapStart snapshot then restore would.
   *
   * @param init builds the handler (its constructor)
   * @return the handler
   * @throws Exception what the init or a hook throws (Lambda fails the version's creation)
   */
  public static <T> T snapshotAndRestore(Supplier<T> init) throws Exception {
    List<Resource> registered = new ArrayList<>();
    List<Resource> previous = INITIALISING.get();
    INITIALISING.set(registered);
    T handler;
    try {
      handler = init.get();
    } finally {
      INITIALISING.set(previous);
    }
    List<Resource> reversed = new ArrayList<>(registered);
    Collections.reverse(reversed);
    for (Resource resource : reversed) {
      resource.beforeCheckpoint(GLOBAL);
    }
    for (Resource resource : registered) {
      resource.afterRestore(GLOBAL);
    }
    return handler;
  }
}
