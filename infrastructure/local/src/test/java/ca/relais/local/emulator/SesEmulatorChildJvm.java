package ca.relais.local.emulator;

import java.nio.file.Path;

/**
 * Run by {@link SesEmulatorTest} in a separate JVM: starts the SES emulator, prints {@code node
 * <pid>}, then exits normally ("exit") or waits to be killed ("wait"), never closing it.
 */
final class SesEmulatorChildJvm {

  private SesEmulatorChildJvm() {}

  @SuppressWarnings({"resource", "InfiniteLoopStatement"})
  public static void main(String[] args) throws Exception {
    SesEmulator emulator =
        SesEmulator.start(SesEmulator.locateDefaultDirectory(), 0, Path.of(args[0]));
    System.out.println("node " + emulator.process().pid());
    System.out.flush();
    if ("exit".equals(args[1])) {
      System.exit(0);
    }
    while (true) {
      Thread.sleep(1_000);
    }
  }
}
