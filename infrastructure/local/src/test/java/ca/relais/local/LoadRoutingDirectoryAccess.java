package ca.relais.local;

/** Lets the integration tests (another package) run the loader without exiting the JVM. */
public final class LoadRoutingDirectoryAccess {

  private LoadRoutingDirectoryAccess() {}

  public static int run(String[] args) {
    return LoadRoutingDirectory.run(args);
  }
}
