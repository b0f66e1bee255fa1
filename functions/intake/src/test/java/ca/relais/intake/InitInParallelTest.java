package ca.relais.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InitInParallelTest {

  @Test
  void buildsOnItsOwnNamedDaemonThreadWhileTheCallerGoesOn() throws Exception {
    CountDownLatch callerWentOn = new CountDownLatch(1);
    AtomicReference<Thread> builder = new AtomicReference<>();
    InitInParallel<String> part =
        InitInParallel.start(
            "territory-load",
            () -> {
              builder.set(Thread.currentThread());
              try {
                // only returns once the caller has gone on: proves the two run side by side
                callerWentOn.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return "territory";
            });
    callerWentOn.countDown();
    assertEquals("territory", part.await());
    assertEquals("territory-load", builder.get().getName());
    assertNotEquals(Thread.currentThread(), builder.get());
    assertEquals(true, builder.get().isDaemon());
  }

  @Test
  void aFailureOfTheBuildIsThrownByAwaitAsThrown() {
    IllegalStateException thrown = new IllegalStateException("territory.csv missing");
    InitInParallel<String> part =
        InitInParallel.start(
            "territory-load",
            () -> {
              throw thrown;
            });
    assertSame(thrown, assertThrows(IllegalStateException.class, part::await));
  }

  @Test
  void anErrorOfTheBuildIsThrownByAwait() {
    InitInParallel<String> part =
        InitInParallel.start(
            "territory-load",
            () -> {
              throw new ExceptionInInitializerError("static init failed");
            });
    assertThrows(ExceptionInInitializerError.class, part::await);
  }
}
