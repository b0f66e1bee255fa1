package ca.relais.local;

import ca.relais.local.template.FunctionDef;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Cold starts of every function jar, on the local stack's emulators: for each round, a fresh JVM
 * per function with Lambda-like flags ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}) without
 * and with SnapStart priming, interleaved with a no-op handler (the floor). Each JVM builds the
 * handler (init, from exec), handles the function's sample event of {@code events/} (first call)
 * and a second one (warm call); the table gives min/median/max in ms and the median's ratio to the
 * floor's. A benchmark to run by hand, not a test: its numbers depend on the machine's load.
 *
 * <pre>
 * mvn -q install -DskipTests
 * java -cp infrastructure/local/target/relais-local.jar ca.relais.local.ColdStartBenchmark \
 *     [--runs 5] [--first-call-classes] [--only IntakeFunction,AcknowledgeFunction]
 * </pre>
 *
 * <p>The child's class path is the function's shaded jar (the template's {@code CodeUri}) and, as
 * the Lambda runtime brings them, the runtime's serializers and {@code aws-lambda-java-core}, plus
 * the probe and the local stack's {@code org.crac} stand-in. With priming, "init" includes the
 * hooks (before the snapshot, in Lambda: no one waits for it); "first" is what a restored
 * environment's first request costs.
 */
public final class ColdStartBenchmark {

  private static final Map<String, String> SAMPLE_EVENTS =
      Map.of(
          "IntakeFunction", "events/intake-post-signup-json.json",
          "DispatchFunction", "events/dispatch-stream-new-submissions.json",
          "NotifyFunction", "events/notify-sqs-alerts.json",
          "DigestFunction", "events/digest-schedule-given-week.json",
          "DeliveryEventsFunction", "events/delivery-sns-ses-bounce.json",
          "AcknowledgeFunction", "events/acknowledge-get-take-page.json");

  private static final Pattern PROBE =
      Pattern.compile("PROBE init_ms=([\\d.]+) first_ms=([\\d.]+) warm_ms=([\\d.]+)");

  private ColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    LocalStackSettings.Flags flags = LocalStackSettings.Flags.parse(args);
    int runs = Integer.parseInt(flags.value("runs").orElse("5"));
    boolean showClasses = flags.value("first-call-classes").isPresent();
    List<String> only = flags.value("only").map(o -> List.of(o.split(","))).orElse(List.of());
    Path template = LocalStackSettings.findTemplate();
    Path root = template.toAbsolutePath().getParent();
    Path work = Files.createTempDirectory("relais-cold-start");
    Path probe = probeClasses(work.resolve("probe"));
    try (LocalStack stack = LocalStack.start(LocalStackSettings.forTests(template))) {
      Map<String, Samples> results = new LinkedHashMap<>();
      results.put("no-op handler (floor)", new Samples());
      List<FunctionDef> functions = new ArrayList<>();
      for (FunctionDef function : stack.template().functions().values()) {
        if (!only.isEmpty() && !only.contains(function.logicalId())) {
          continue;
        }
        if (!SAMPLE_EVENTS.containsKey(function.logicalId())) {
          System.err.printf("%s: no sample event here, left out%n", function.logicalId());
          continue;
        }
        functions.add(function);
        results.put(function.logicalId(), new Samples());
        results.put(function.logicalId() + " primed", new Samples());
      }
      for (int round = 1; round <= runs; round++) {
        Path floorEvent = Files.writeString(work.resolve("floor.json"), "{}");
        results
            .get("no-op handler (floor)")
            .add(run(probe, null, "noop", "plain", floorEvent, floorEvent, Map.of(), false));
        for (FunctionDef function : functions) {
          String id = function.logicalId();
          Path jar = root.resolve(function.codeUri().orElseThrow());
          Map<String, String> env = stack.function(id).environment();
          for (String mode : List.of("plain", "primed")) {
            Path first = event(root, work, id, round + mode + "a");
            Path second = event(root, work, id, round + mode + "b");
            results
                .get(mode.equals("plain") ? id : id + " primed")
                .add(
                    run(
                        probe,
                        jar,
                        function.handlerClass(),
                        mode,
                        first,
                        second,
                        env,
                        showClasses));
          }
        }
        System.err.printf("round %d of %d done%n", round, runs);
      }
      print(results, runs);
    }
    // DynamoDB Local leaves non-daemon threads behind for minutes after it stops.
    System.exit(0);
  }

  /** The sample event; intake's with a unique email, so that each post is a new sign-up. */
  private static Path event(Path root, Path work, String function, String tag) throws IOException {
    Path sample = root.resolve(SAMPLE_EVENTS.get(function));
    if (!function.equals("IntakeFunction")) {
      return sample;
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode event = (ObjectNode) json.readTree(sample.toFile());
    ObjectNode body = (ObjectNode) json.readTree(event.path("body").asText());
    body.put("email", "bench." + tag + "." + System.nanoTime() + "@example.org");
    event.put("body", body.toString());
    return Files.writeString(work.resolve("intake-" + tag + ".json"), event.toString());
  }

  private static double[] run(
      Path probe,
      Path jar,
      String handler,
      String mode,
      Path first,
      Path second,
      Map<String, String> env,
      boolean showClasses)
      throws IOException, InterruptedException {
    String classPath = jar == null ? probe.toString() : jar + File.pathSeparator + probe;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
    Path classLog = Files.createTempFile("relais-class-load", ".log");
    if (showClasses) {
      command.add("-Xlog:class+load=info:file=" + classLog + ":uptime");
    }
    command.addAll(
        List.of(
            "-cp",
            classPath,
            ColdStartProbe.class.getName(),
            String.valueOf(System.nanoTime()),
            handler,
            mode,
            first.toString(),
            second.toString()));
    ProcessBuilder process = new ProcessBuilder(command);
    process.environment().clear();
    process.environment().putAll(env);
    process.redirectErrorStream(true);
    Process running = process.start();
    String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = running.waitFor();
    if (showClasses) {
      printFirstCallClasses(handler + " (" + mode + ")", Files.readString(classLog));
    }
    Files.deleteIfExists(classLog);
    // let the local stack's pipeline (stream, queue) finish what this run started
    Thread.sleep(1000);
    Matcher timing = PROBE.matcher(output);
    if (exit != 0 || !timing.find()) {
      throw new IllegalStateException(handler + " (" + mode + ") failed:\n" + output);
    }
    return new double[] {
      Double.parseDouble(timing.group(1)),
      Double.parseDouble(timing.group(2)),
      Double.parseDouble(timing.group(3))
    };
  }

  /**
   * A directory with the probe (and how it calls a handler, {@code HandlerMethod}), the local
   * {@code org.crac} stand-in, and what the Lambda runtime provides (its serializers, {@code
   * aws-lambda-java-core}), copied from this class path; not joda-time, which the runtime's
   * serializer loads from the function's jar.
   */
  private static Path probeClasses(Path directory) throws IOException, URISyntaxException {
    Files.createDirectories(directory);
    copyPackage(ColdStartProbe.class, "ca/relais/local/ColdStartProbe", directory);
    copyPackage(
        ca.relais.local.lambda.HandlerMethod.class,
        "ca/relais/local/lambda/HandlerMethod",
        directory);
    copyPackage(ca.relais.local.crac.Core.class, "ca/relais/local/crac/", directory);
    copyPackage(
        com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class,
        "com/amazonaws/services/lambda/runtime/serialization/",
        directory);
    copyPackage(
        com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class,
        "com/amazonaws/lambda/thirdparty/",
        directory);
    copyPackage(
        com.amazonaws.services.lambda.runtime.Context.class,
        "com/amazonaws/services/lambda/runtime/",
        directory);
    return directory;
  }

  /** Copies the entries under a prefix from the jar or directory that holds {@code type}. */
  private static void copyPackage(Class<?> type, String prefix, Path directory)
      throws IOException, URISyntaxException {
    Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(source)) {
      try (var files = Files.walk(source.resolve(prefix.endsWith("/") ? prefix : "").normalize())) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = source.relativize(file).toString().replace(File.separatorChar, '/');
          if (Files.isRegularFile(file) && name.startsWith(prefix)) {
            Path target = directory.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      return;
    }
    try (ZipFile zip = new ZipFile(source.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
          Path target = directory.resolve(entry.getName());
          Files.createDirectories(target.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  /** The classes the first call loaded, by package (with {@code --first-call-classes}). */
  private static void printFirstCallClasses(String run, String log) {
    String during =
        log.substring(
            log.indexOf("ColdStartProbe$FirstCallStarts"),
            log.indexOf("ColdStartProbe$FirstCallEnds"));
    Map<String, Integer> byPackage = new java.util.TreeMap<>();
    Matcher loaded = Pattern.compile("\\] (\\S+) source:").matcher(during);
    int total = 0;
    List<String> names = new ArrayList<>();
    while (loaded.find()) {
      String name = loaded.group(1);
      names.add(name);
      String[] parts = name.split("\\.");
      String key = String.join(".", List.of(parts).subList(0, Math.min(5, parts.length - 1)));
      byPackage.merge(key, 1, Integer::sum);
      total++;
    }
    System.out.printf("%s: the first call loaded %d classes%n", run, total);
    if (total <= 60) {
      // few enough to read one by one: what priming could still load
      names.forEach(name -> System.out.printf("        %s%n", name));
    }
    byPackage.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(12)
        .forEach(e -> System.out.printf("  %5d %s%n", e.getValue(), e.getKey()));
  }

  private static void print(Map<String, Samples> results, int runs) {
    Samples floor = results.get("no-op handler (floor)");
    double floorCold = floor.median(0) + floor.median(1);
    System.out.printf(
        "%nCold starts, %d fresh JVMs each (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC), ms:"
            + " min / median / max; ratio = median exec→first response over the floor's (%.0f ms)%n%n",
        runs, floorCold);
    System.out.println(
        "| function | init (exec → handler built) | first call | warm call | exec → first response"
            + " | ratio to floor |");
    System.out.println("|---|---|---|---|---|---|");
    for (Map.Entry<String, Samples> row : results.entrySet()) {
      Samples s = row.getValue();
      double cold = s.median(0) + s.median(1);
      System.out.printf(
          "| %s | %s | %s | %s | %.0f | %.1f× |%n",
          row.getKey(), s.range(0), s.range(1), s.range(2), cold, cold / floorCold);
    }
  }

  /** The timings of one row: init, first, warm. */
  private static final class Samples {
    private final List<double[]> runs = new ArrayList<>();

    void add(double[] timing) {
      runs.add(timing);
    }

    double median(int column) {
      double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
      int n = values.length;
      return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    String range(int column) {
      double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
      return String.format(
          "%.0f / **%.0f** / %.0f", values[0], median(column), values[values.length - 1]);
    }
  }
}
