package ca.relais.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the SES emulator's folder, and the messages when it is not installed (no node needed).
 */
class SesEmulatorSetupTest {

  @TempDir Path temp;

  @AfterEach
  void clearOverride() {
    System.clearProperty(SesEmulator.DIRECTORY_OVERRIDE);
  }

  @Test
  void theFolderIsFoundFromTheModuleOrTheRepository() {
    Path found = SesEmulator.locateDefaultDirectory();
    assertTrue(found.isAbsolute(), found.toString());
    assertTrue(
        found.endsWith(Path.of("infrastructure", "local", "ses-emulator")), found.toString());
    assertTrue(Files.isRegularFile(found.resolve("package.json")));
    assertTrue(Files.isRegularFile(found.resolve("package-lock.json")));
  }

  @Test
  void theSystemPropertyOverridesTheSearch() {
    System.setProperty(SesEmulator.DIRECTORY_OVERRIDE, temp.toString());
    assertEquals(temp.toAbsolutePath().normalize(), SesEmulator.locateDefaultDirectory());
  }

  @Test
  void missingNodeModulesFailsBeforeLaunchingNodeAndSaysHowToInstall() throws IOException {
    Files.writeString(temp.resolve("package.json"), "{\"name\":\"relais-ses-emulator\"}");
    Path log = temp.resolve("logs/ses.log");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SesEmulator.start(temp, 0, log));
    assertTrue(
        e.getMessage().contains("mvn -pl infrastructure/local generate-resources"), e.getMessage());
    assertTrue(e.getMessage().contains("npm ci"), e.getMessage());
    assertTrue(e.getMessage().contains(temp.toString()), e.getMessage());
    assertTrue(Files.notExists(log), "nothing was started");
  }

  @Test
  void aPackageWithoutItsCliFailsClearly() throws IOException {
    Path pkg = Files.createDirectories(temp.resolve("node_modules/aws-ses-v2-local"));
    Files.writeString(
        pkg.resolve("package.json"), "{\"bin\":{\"aws-ses-v2-local\":\"dist/cli.js\"}}");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> SesEmulator.start(temp, 0, temp.resolve("ses.log")));
    assertTrue(e.getMessage().contains("npm ci"), e.getMessage());
  }

  @Test
  void anEmulatorThatNeverAnswersIsStoppedAndTheLogIsNamed() throws Exception {
    assumeTrue(SesEmulator.isNodeAvailable(), "node is not on the PATH");
    Path log = temp.resolve("hangs.log");
    fakePackage("console.log('pretending to start');setInterval(()=>{},1000);");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> SesEmulator.start(temp, 0, log, Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
    assertTrue(e.getMessage().contains(log.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("pretending to start"), e.getMessage());
    assertTrue(e.getMessage().contains("npm ci"), e.getMessage());
    assertNoNodeRunning(log);
  }

  @Test
  void anEmulatorThatExitsAtStartFailsWithItsExitCode() throws Exception {
    assumeTrue(SesEmulator.isNodeAvailable(), "node is not on the PATH");
    Path log = temp.resolve("exits.log");
    fakePackage("console.error('boom');process.exit(3);");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SesEmulator.start(temp, 0, log));
    assertTrue(e.getMessage().contains("exited at start with code 3"), e.getMessage());
    assertTrue(e.getMessage().contains("boom"), e.getMessage());
  }

  /** An aws-ses-v2-local whose CLI runs the given script instead of a server. */
  private void fakePackage(String script) throws IOException {
    Path pkg = temp.resolve("node_modules/aws-ses-v2-local");
    Files.createDirectories(pkg.resolve("bin"));
    Files.writeString(
        pkg.resolve("package.json"), "{\"bin\":{\"aws-ses-v2-local\":\"bin/fake.js\"}}");
    Files.writeString(pkg.resolve("bin/fake.js"), script);
  }

  private static void assertNoNodeRunning(Path script) {
    boolean running =
        ProcessHandle.current()
            .descendants()
            .anyMatch(p -> p.isAlive() && p.info().commandLine().orElse("").contains("fake.js"));
    assertTrue(!running, "the fake emulator still runs after the failed start (" + script + ")");
  }
}
