package ca.relais.local.events;

/**
 * The daemon thread of a poller or scheduler: runs its loop until closed. Its pauses (idle polls,
 * back-off, waiting for the next fire time) end at once on {@link #close()}; an invocation in
 * progress is given time to finish before the thread is interrupted.
 */
final class Worker {

  private static final long GRACE_MILLIS = 10_000;

  private final Thread thread;
  private final Object lock = new Object();
  private volatile boolean running = true;

  Worker(String name, Runnable loop) {
    this.thread = new Thread(loop, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** False once {@link #close()} was called. */
  boolean running() {
    return running;
  }

  /**
   * Waits for up to {@code millis} (less if closed meanwhile).
   *
   * @return whether still running
   */
  boolean pause(long millis) throws InterruptedException {
    if (millis > 0) {
      synchronized (lock) {
        if (running) {
          lock.wait(millis);
        }
      }
    }
    return running;
  }

  /**
   * Stops the loop: ends a pause at once, waits up to 10 s for an invocation in progress, then
   * interrupts the thread. If the caller is interrupted meanwhile, it stops waiting and keeps its
   * interrupt status.
   */
  void close() {
    running = false;
    synchronized (lock) {
      lock.notifyAll();
    }
    if (thread == Thread.currentThread()) {
      return;
    }
    try {
      thread.join(GRACE_MILLIS);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(5_000);
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
    }
  }
}
