package ca.relais.intake;

import java.util.function.Supplier;

/**
 * A value built once, at its first use, by any of the threads that ask for it first (the others
 * wait): what a cold start of another route need not pay for. Never {@code null}.
 *
 * @param <T> the value's type
 */
final class OnFirstUse<T> implements Supplier<T> {

  private final Supplier<T> build;
  private volatile T value;

  /**
   * {@code build} is called at most once, at the first {@link #get()}, and must not return null.
   */
  OnFirstUse(Supplier<T> build) {
    this.build = build;
  }

  @Override
  public T get() {
    T built = value;
    if (built == null) {
      synchronized (this) {
        built = value;
        if (built == null) {
          built = java.util.Objects.requireNonNull(build.get(), "built value");
          value = built;
        }
      }
    }
    return built;
  }
}
