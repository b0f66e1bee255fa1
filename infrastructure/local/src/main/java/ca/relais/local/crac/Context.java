package ca.relais.local.crac;

/** The local stand-in for {@code jdk.crac.Context}: resources register with it. */
public abstract class Context<R extends Resource> implements Resource {

  protected Context() {}

  /** Registers a resource whose hooks the local stack calls after its function's init. */
  public abstract void register(R resource);
}
