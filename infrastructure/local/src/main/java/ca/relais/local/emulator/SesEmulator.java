package ca.relais.local.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * aws-ses-v2-local (npm, pinned in {@code ses-emulator/package-lock.json}) as a child process: it
 * answers the SES v2 API, keeps every email, and shows them in a browser inbox at its root. The
 * child dies with this JVM.
 */
public final class SesEmulator implements AutoCloseable {

  /** Overrides where the emulator's npm package is (system property or environment variable). */
  public static final String DIRECTORY_OVERRIDE = "RELAIS_SES_EMULATOR_DIR";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final Thread reaper;

  private SesEmulator(Process process, int port) {
    this.process = process;
    this.port = port;
    this.reaper = new Thread(this::destroy, "ses-emulator-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts the emulator and waits until it answers.
   *
   * @param emulatorDirectory the folder with package.json and node_modules
   * @param requestedPort its port (0: any free port)
   * @param logFile where its output goes
   */
  public static SesEmulator start(Path emulatorDirectory, int requestedPort, Path logFile)
      throws IOException, InterruptedException {
    Path cli = emulatorDirectory.resolve("node_modules/aws-ses-v2-local/dist/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException(
          "aws-ses-v2-local is not installed in "
              + emulatorDirectory.toAbsolutePath()
              + ". Build the project once (mvn install -DskipTests), or run `npm ci` in that folder.");
    }
    int port = Ports.orFree(requestedPort);
    Ports.requireFree(port, "aws-ses-v2-local", "--ses-port");
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    Process process;
    try {
      process =
          new ProcessBuilder(
                  List.of(
                      node(),
                      cli.toString(),
                      "--host",
                      "127.0.0.1",
                      "--port",
                      String.valueOf(port)))
              .directory(emulatorDirectory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot run node (Node.js 20.19+ is required for the SES emulator)", e);
    }
    SesEmulator emulator = new SesEmulator(process, port);
    emulator.awaitHealthy(logFile);
    return emulator;
  }

  /**
   * The emulator's folder: {@code RELAIS_SES_EMULATOR_DIR}, else found from the working directory
   * or the jar.
   */
  public static Path locateDefaultDirectory() {
    Optional<String> override =
        Optional.ofNullable(System.getProperty(DIRECTORY_OVERRIDE))
            .or(() -> Optional.ofNullable(System.getenv(DIRECTORY_OVERRIDE)));
    if (override.isPresent()) {
      return Path.of(override.get());
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate :
        List.of(
            here.resolve("infrastructure/local/ses-emulator"),
            here.resolve("ses-emulator"),
            here.resolve("../ses-emulator"))) {
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        return candidate.normalize();
      }
    }
    try {
      Path jar =
          Path.of(SesEmulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path candidate = jar.getParent().resolve("../ses-emulator").normalize();
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        return candidate;
      }
    } catch (Exception e) {
      // fall through to the message below
    }
    throw new IllegalStateException(
        "Cannot find infrastructure/local/ses-emulator: run from the repository, or set "
            + DIRECTORY_OVERRIDE);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private void awaitHealthy(Path logFile) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health =
        HttpRequest.newBuilder(endpoint().resolve("/health-check"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "aws-ses-v2-local exited at start (code " + process.exitValue() + "); see " + logFile);
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    destroy();
    throw new IllegalStateException(
        "aws-ses-v2-local did not answer within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s; see "
            + logFile);
  }

  private static String node() {
    return Optional.ofNullable(System.getenv("NODE")).orElse("node");
  }

  private void destroy() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }
}
