package ca.relais.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * aws-ses-v2-local (npm, pinned by {@code infrastructure/local/ses-emulator/package-lock.json}) as
 * a child {@code node} process on 127.0.0.1: it answers the SES v1/v2 send APIs, keeps every email
 * in memory ({@link SesInbox} reads them) and shows them in a browser inbox at its root.
 *
 * <p>The child, and anything it spawned, is destroyed by {@link #close()} and when this JVM exits
 * (shutdown hook). If this JVM is killed outright, the child still exits: it watches its standard
 * input, a pipe from this JVM, and quits when the pipe closes.
 */
public final class SesEmulator implements AutoCloseable {

  /** Overrides where the emulator's npm package is (system property or environment variable). */
  public static final String DIRECTORY_OVERRIDE = "RELAIS_SES_EMULATOR_DIR";

  /** Overrides the {@code node} executable (environment variable). */
  public static final String NODE_OVERRIDE = "NODE";

  private static final String PACKAGE = "aws-ses-v2-local";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /**
   * Preloaded into node: exit when standard input ends, i.e. when the JVM that started it is gone,
   * however it died. An ES module in a data: URL, so nothing is added to the npm package.
   */
  private static final String PARENT_WATCHDOG =
      "data:text/javascript,process.stdin.on('data',()=>{});"
          + "process.stdin.on('end',()=>process.exit(0));"
          + "process.stdin.on('error',()=>process.exit(0));";

  private static final Logger LOG = LoggerFactory.getLogger(SesEmulator.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int port;
  private final Path logFile;
  private final Thread reaper;
  private boolean closed;

  private SesEmulator(Process process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.reaper = new Thread(this::destroy, "ses-emulator-reaper-" + port);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts the emulator and waits until {@code GET /health-check} answers 200.
   *
   * @param emulatorDirectory the folder with package.json and node_modules ({@link
   *     #locateDefaultDirectory()})
   * @param requestedPort its port; 0 picks a free one
   * @param logFile where its standard output and error go (appended; parent folders are created)
   * @throws IllegalStateException if aws-ses-v2-local is not installed in the folder, node cannot
   *     run, the port is in use, or it does not answer within 30 s
   */
  public static SesEmulator start(Path emulatorDirectory, int requestedPort, Path logFile)
      throws IOException, InterruptedException {
    return start(emulatorDirectory, requestedPort, logFile, STARTUP_TIMEOUT);
  }

  /** {@link #start(Path, int, Path)} with another start-up timeout (tests). */
  static SesEmulator start(
      Path emulatorDirectory, int requestedPort, Path logFile, Duration startupTimeout)
      throws IOException, InterruptedException {
    long begin = System.nanoTime();
    Path directory = emulatorDirectory.toAbsolutePath().normalize();
    Path cli = cliEntry(directory);
    int port = Ports.orFree(requestedPort);
    Ports.requireFree(port, PACKAGE + " (SES)", "--ses-port");
    Path log = logFile.toAbsolutePath();
    Files.createDirectories(log.getParent());
    Files.writeString(
        log,
        "---- " + Instant.now() + " starting " + PACKAGE + " on 127.0.0.1:" + port + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Process process;
    try {
      process =
          new ProcessBuilder(
                  List.of(
                      node(),
                      "--import",
                      PARENT_WATCHDOG,
                      cli.toString(),
                      "--host",
                      "127.0.0.1",
                      "--port",
                      String.valueOf(port)))
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot run `"
              + node()
              + "`: Node.js 20.19 or later must be on the PATH for the SES emulator (or set "
              + NODE_OVERRIDE
              + " to its executable)",
          e);
    }
    SesEmulator emulator = new SesEmulator(process, port, log);
    try {
      emulator.awaitHealthy(startupTimeout);
    } catch (RuntimeException | InterruptedException e) {
      emulator.stop();
      throw e;
    }
    LOG.info(
        "{} (SES) at {} (pid {}, log {}) started in {} ms",
        PACKAGE,
        emulator.endpoint(),
        process.pid(),
        log,
        (System.nanoTime() - begin) / 1_000_000);
    return emulator;
  }

  /**
   * The emulator's folder. {@value #DIRECTORY_OVERRIDE} (system property, then environment
   * variable) wins; otherwise the first folder with a package.json among {@code
   * infrastructure/local/ses-emulator} (working directory at the repository root), {@code
   * ses-emulator} (at the module), {@code <relais.root>/infrastructure/local/ses-emulator} (the
   * system property the build passes to tests), and {@code <folder of the running jar or
   * classes>/../ses-emulator} (the jar is in {@code infrastructure/local/target/}).
   *
   * @throws IllegalStateException if none is found
   */
  public static Path locateDefaultDirectory() {
    Optional<String> override =
        Optional.ofNullable(System.getProperty(DIRECTORY_OVERRIDE))
            .or(() -> Optional.ofNullable(System.getenv(DIRECTORY_OVERRIDE)))
            .filter(s -> !s.isBlank());
    if (override.isPresent()) {
      return Path.of(override.get()).toAbsolutePath().normalize();
    }
    List<Path> candidates = new ArrayList<>();
    Path here = Path.of("").toAbsolutePath();
    candidates.add(here.resolve("infrastructure/local/ses-emulator"));
    candidates.add(here.resolve("ses-emulator"));
    Optional.ofNullable(System.getProperty("relais.root"))
        .filter(s -> !s.isBlank())
        .ifPresent(root -> candidates.add(Path.of(root, "infrastructure/local/ses-emulator")));
    codeLocation().ifPresent(code -> candidates.add(code.resolve("../ses-emulator")));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException(
        "Cannot find the SES emulator folder (infrastructure/local/ses-emulator); looked in "
            + candidates.stream().map(p -> p.normalize().toString()).toList()
            + ". Run from the repository or the module, or set "
            + DIRECTORY_OVERRIDE
            + " (system property or environment variable).");
  }

  /** Whether {@code node} (or {@value #NODE_OVERRIDE}) runs here; for tests that need it. */
  public static boolean isNodeAvailable() {
    try {
      Process probe =
          new ProcessBuilder(node(), "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!probe.waitFor(10, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return false;
      }
      return probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Where clients connect: {@code http://127.0.0.1:<port>}; its web inbox is at the root. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** The node process (for diagnostics). */
  public ProcessHandle process() {
    return process.toHandle();
  }

  /** The file its output is appended to. */
  public Path logFile() {
    return logFile;
  }

  /** Stops the child process and its descendants. Closing twice does nothing. */
  @Override
  public synchronized void close() {
    if (!closed) {
      stop();
      LOG.info("{} (SES) at {} stopped", PACKAGE, endpoint());
    }
  }

  private synchronized void stop() {
    closed = true;
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting; the hook does the same
    }
  }

  /** The CLI script named by the package's "bin", after checking that the package is installed. */
  private static Path cliEntry(Path directory) throws IOException {
    Path packageJson = directory.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
    if (!Files.isRegularFile(packageJson)) {
      throw new IllegalStateException(
          PACKAGE
              + " is not installed: "
              + packageJson
              + " is missing. Install it with `mvn -pl infrastructure/local generate-resources`"
              + " from the repository root, or `npm ci` in "
              + directory
              + ".");
    }
    JsonNode bin = JSON.readTree(packageJson.toFile()).path("bin");
    String entry = bin.isTextual() ? bin.asText() : bin.path(PACKAGE).asText("");
    Path cli = packageJson.getParent().resolve(entry).normalize();
    if (entry.isEmpty() || !Files.isRegularFile(cli)) {
      throw new IllegalStateException(
          PACKAGE
              + " in "
              + packageJson.getParent()
              + " has no CLI entry (\"bin\" is "
              + bin
              + "); reinstall it with `npm ci` in "
              + directory
              + ".");
    }
    return cli;
  }

  private void awaitHealthy(Duration timeout) throws InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest health =
        HttpRequest.newBuilder(endpoint().resolve("/health-check"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            PACKAGE
                + " exited at start with code "
                + process.exitValue()
                + "; see "
                + logFile
                + lastLines());
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        PACKAGE
            + " did not answer GET "
            + health.uri()
            + " within "
            + timeout.toSeconds()
            + " s; see "
            + logFile
            + lastLines()
            + "\nIf node_modules is incomplete, reinstall with"
            + " `mvn -pl infrastructure/local generate-resources` or `npm ci` in the emulator"
            + " folder.");
  }

  /** The end of the log, for exception messages. */
  private String lastLines() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return "\n  "
          + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  private static String node() {
    return Optional.ofNullable(System.getenv(NODE_OVERRIDE))
        .filter(s -> !s.isBlank())
        .orElse("node");
  }

  /** Terminates the descendants and the process, then kills whatever is left after a grace. */
  private void destroy() {
    // Descendants first: once the parent is gone they are re-parented and no longer found.
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** The folder holding the running jar (or the classes folder), if known. */
  private static Optional<Path> codeLocation() {
    try {
      java.security.CodeSource source = SesEmulator.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(Path.of(source.getLocation().toURI()).getParent());
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }
}
