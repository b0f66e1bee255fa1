package ca.relais.local;

import ca.relais.local.lambda.LambdaEnvironment;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

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
 *     [--runs 5] [--first-call-classes] [--functions IntakeFunction,AcknowledgeFunction] \
 *     [--emulator-warm-up 3000]
 * </pre>
 *
 * <p>The child's class path is the function's shaded jar (the template's {@code CodeUri}) and, as
 * the Lambda runtime brings them, the runtime's serializers and {@code aws-lambda-java-core}, plus
 * the probe and the local stack's {@code org.crac} stand-in. With priming, "init" includes the
 * hooks (before the snapshot, in Lambda: no one waits for it); "first" is what a restored
 * environment's first request costs.
 *
 * <p>When its jar is built ({@code mvn -Pbench -pl infrastructure/bench-sample package}), each
 * round also runs the public plain-Java sample that issue 12 measures intake against (the products
 * API of aws-samples/serverless-graalvm-demo: CRT HTTP client, X-Ray, Powertools; its {@code PUT
 * /{id}} handler, one {@code PutItem} on DynamoDB Local, in the same kind of JVM), and a second
 * table gives intake's figures against each goal of the issue, marked met or not met. Other flags:
 * {@code --functions IntakeFunction,NotifyFunction} (a subset), {@code --sample-jar PATH}.
 *
 * <p>Each round also runs two SDK floors with intake's jar and environment ({@link
 * ColdStartProbe.SdkPutFloor}, {@link ColdStartProbe.SdkTransactionFloor}): the DynamoDB client
 * Relais builds and one write a call (a {@code PutItem}, or a transaction of three conditional puts
 * as intake's save), nothing else; held to the same goals in a third table, they show what the SDK
 * and the emulator cost by themselves, and intake's own work is the difference.
 *
 * <p>Before the first round, DynamoDB Local is brought to the speed of a long-running service
 * ({@link EmulatorWarmUp}, {@value EmulatorWarmUp#DEFAULT_CALLS} calls of each of intake's
 * operations on a scratch table, about a minute): DynamoDB in AWS is never a JVM that has just
 * started, and a cold emulator charges its own JIT warm-up to the function that writes the most.
 * {@code --emulator-warm-up CALLS} sets how many, {@code 0} for none.
 *
 * <p>{@code --compare-jar IntakeFunction=/tmp/intake-main.jar} runs another build of a function's
 * jar in the same rounds, in rows of its own: a change measured against what it changes, in one run
 * on the same machine (comma-separated for several).
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

  private static final String FLOOR = "no-op handler (floor)";
  private static final String SAMPLE = "public sample (PUT, CRT + X-Ray + Powertools)";
  private static final String SAMPLE_HANDLER = "ca.relais.benchsample.PutProductHandler";
  private static final String SAMPLE_JAR = "infrastructure/bench-sample/target/product.jar";
  private static final String SAMPLE_EVENT = "infrastructure/bench-sample/events/put-product.json";
  private static final String SAMPLE_TABLE = "bench-products";
  private static final String INTAKE = "IntakeFunction";
  private static final String SDK_PUT = "SDK floor: Relais's DynamoDB client, one PutItem";
  private static final String SDK_TRANSACTION =
      "SDK floor: Relais's DynamoDB client, a transaction of 3 conditional puts";

  /** The SDK floors' rows and handlers, in the order they run. */
  private static final Map<String, Class<?>> SDK_FLOORS = new LinkedHashMap<>();

  static {
    SDK_FLOORS.put(SDK_PUT, ColdStartProbe.SdkPutFloor.class);
    SDK_FLOORS.put(SDK_TRANSACTION, ColdStartProbe.SdkTransactionFloor.class);
  }

  private static final Pattern PROBE =
      Pattern.compile("PROBE init_ms=([\\d.]+) first_ms=([\\d.]+) warm_ms=([\\d.]+)");

  private ColdStartBenchmark() {}

  public static void main(String[] args) {
    try {
      benchmark(args);
    } catch (Exception | Error e) {
      e.printStackTrace();
      // DynamoDB Local leaves non-daemon threads behind for minutes after it stops.
      System.exit(1);
    }
    System.exit(0);
  }

  private static void benchmark(String[] args) throws Exception {
    LocalStackSettings.Flags flags = LocalStackSettings.Flags.parse(args);
    int runs = Integer.parseInt(flags.value("runs").orElse("5"));
    boolean showClasses = flags.value("first-call-classes").isPresent();
    Optional<List<String>> only =
        flags.value("functions").map(list -> List.of(list.split("\\s*,\\s*")));
    Path template = LocalStackSettings.findTemplate();
    Path root = template.toAbsolutePath().getParent();
    Path sampleJar =
        flags.value("sample-jar").map(Path::of).orElse(root.resolve(SAMPLE_JAR)).toAbsolutePath();
    Path work = Files.createTempDirectory("relais-cold-start");
    Path probe = probeClasses(work.resolve("probe"));
    int warmUpCalls =
        Integer.parseInt(
            flags.value("emulator-warm-up").orElse(String.valueOf(EmulatorWarmUp.DEFAULT_CALLS)));
    if (warmUpCalls < 0) {
      throw new IllegalArgumentException("--emulator-warm-up: a number of calls, 0 for none");
    }
    try (LocalStack stack = LocalStack.start(LocalStackSettings.forTests(template))) {
      if (warmUpCalls > 0) {
        System.err.printf("warming DynamoDB Local up: %d calls of each operation%n", warmUpCalls);
        System.out.println(EmulatorWarmUp.run(stack.dynamoDb(), warmUpCalls));
      } else {
        System.out.println("DynamoDB Local not warmed up (--emulator-warm-up 0)");
      }
      Map<String, Samples> results = new LinkedHashMap<>();
      results.put(FLOOR, new Samples());
      Map<String, String> sampleEnv = null;
      if (Files.isRegularFile(sampleJar)) {
        sampleEnv = sampleEnvironment(stack);
        results.put(SAMPLE, new Samples());
      } else {
        System.err.printf(
            "%s not built (mvn -Pbench -pl infrastructure/bench-sample package):"
                + " the public sample is left out%n",
            root.relativize(sampleJar));
      }
      // The SDK floors run with intake's jar and environment, writing to the sample's table
      Path intakeJar =
          root.resolve(stack.template().functions().get(INTAKE).codeUri().orElseThrow());
      Map<String, String> sdkFloorEnv = new LinkedHashMap<>(stack.function(INTAKE).environment());
      sdkFloorEnv.put("RELAIS_BENCH_TABLE", createSampleTable(stack));
      SDK_FLOORS.keySet().forEach(row -> results.put(row, new Samples()));
      List<String> unknown = new ArrayList<>(only.orElse(List.of()));
      unknown.removeAll(stack.template().functions().keySet());
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("--functions: not in template.yaml: " + unknown);
      }
      Map<String, List<Path>> compareJars = compareJars(flags, root, stack);
      List<JarRun> jarRuns = new ArrayList<>();
      for (FunctionDef function : stack.template().functions().values()) {
        String id = function.logicalId();
        if (only.isPresent() && !only.get().contains(id)) {
          continue;
        }
        if (!SAMPLE_EVENTS.containsKey(id)) {
          System.err.printf("%s: no sample event here, left out%n", id);
          continue;
        }
        jarRuns.add(new JarRun(function, id, root.resolve(function.codeUri().orElseThrow())));
        for (Path other : compareJars.getOrDefault(id, List.of())) {
          String label =
              other.startsWith(root) ? root.relativize(other).toString() : other.toString();
          jarRuns.add(new JarRun(function, id + " (" + label + ")", other));
        }
      }
      for (JarRun jarRun : jarRuns) {
        results.put(jarRun.row(), new Samples());
        results.put(jarRun.row() + " primed", new Samples());
      }
      for (int round = 1; round <= runs; round++) {
        Path floorEvent = Files.writeString(work.resolve("floor.json"), "{}");
        results
            .get(FLOOR)
            .add(run(probe, null, "noop", "plain", floorEvent, floorEvent, Map.of(), false));
        if (sampleEnv != null) {
          results
              .get(SAMPLE)
              .add(
                  run(
                      probe,
                      sampleJar,
                      SAMPLE_HANDLER,
                      "plain",
                      sampleEvent(root, work, round + "a"),
                      sampleEvent(root, work, round + "b"),
                      sampleEnv,
                      showClasses));
        }
        for (Map.Entry<String, Class<?>> sdkFloor : SDK_FLOORS.entrySet()) {
          results
              .get(sdkFloor.getKey())
              .add(
                  run(
                      probe,
                      intakeJar,
                      sdkFloor.getValue().getName(),
                      "plain",
                      floorEvent,
                      floorEvent,
                      sdkFloorEnv,
                      showClasses));
        }
        for (JarRun jarRun : jarRuns) {
          FunctionDef function = jarRun.function();
          String id = function.logicalId();
          Path jar = jarRun.jar();
          Map<String, String> env = stack.function(id).environment();
          for (String mode : List.of("plain", "primed")) {
            Path first = event(root, work, id, round + mode + "a");
            Path second = event(root, work, id, round + mode + "b");
            results
                .get(mode.equals("plain") ? jarRun.row() : jarRun.row() + " primed")
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
      checkWrites(stack, sampleEnv != null ? 2 * runs : 0, 2 * runs + 2 * 3 * runs);
      print(results, runs);
      printGoals(results);
      printSdkFloors(results);
    }
  }

  /** One function's jar to run each round: the template's, or another to compare it with. */
  private record JarRun(FunctionDef function, String row, Path jar) {}

  /**
   * {@code --compare-jar IntakeFunction=PATH[,IntakeFunction=PATH2,...]}: other builds of a
   * function's jar (a copy of main's, say), run in the same rounds as the template's, each in rows
   * of its own named by its path. Refuses an unknown function and a missing file.
   */
  private static Map<String, List<Path>> compareJars(
      LocalStackSettings.Flags flags, Path root, LocalStack stack) {
    Map<String, List<Path>> jars = new LinkedHashMap<>();
    Optional<String> given = flags.value("compare-jar");
    if (given.isEmpty()) {
      return jars;
    }
    for (String entry : given.get().split("\\s*,\\s*")) {
      int eq = entry.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException(
            "--compare-jar takes FunctionId=path/to/function.jar, not " + entry);
      }
      String id = entry.substring(0, eq);
      Path jar = root.resolve(entry.substring(eq + 1)).toAbsolutePath().normalize();
      if (!stack.template().functions().containsKey(id)) {
        throw new IllegalArgumentException("--compare-jar: " + id + " is not in template.yaml");
      }
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("--compare-jar: no file " + jar);
      }
      jars.computeIfAbsent(id, k -> new ArrayList<>()).add(jar);
    }
    return jars;
  }

  /**
   * What Lambda would give the sample's function (its table, X-Ray active, access keys as without
   * SnapStart), pointed at the local stack's DynamoDB, where its table is created (key {@code PK}).
   */
  /**
   * The table of the sample and of the SDK floors (key {@code PK}, no stream), created once on the
   * local stack's DynamoDB; returns its name.
   */
  private static String createSampleTable(LocalStack stack) {
    DynamoDbClient dynamoDb = stack.dynamoDb();
    if (!dynamoDb.listTables().tableNames().contains(SAMPLE_TABLE)) {
      dynamoDb.createTable(
          request ->
              request
                  .tableName(SAMPLE_TABLE)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      a -> a.attributeName("PK").attributeType(ScalarAttributeType.S))
                  .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH)));
    }
    return SAMPLE_TABLE;
  }

  private static Map<String, String> sampleEnvironment(LocalStack stack) {
    createSampleTable(stack);
    String region = stack.function(INTAKE).environment().get("AWS_REGION");
    Map<String, String> env =
        new LinkedHashMap<>(
            new LambdaEnvironment(
                    Map.of(
                        "PRODUCT_TABLE_NAME", SAMPLE_TABLE,
                        "POWERTOOLS_SERVICE_NAME", "products",
                        "POWERTOOLS_METRICS_NAMESPACE", "ServerlessGraalVMDemo"),
                    SAMPLE_HANDLER,
                    "PutProductFunction",
                    region,
                    "java21",
                    2048,
                    "$LATEST",
                    false)
                .variables(
                    stack.credentialsEndpoint(), Map.of("DYNAMODB", stack.dynamoDbEndpoint())));
    // Tracing: Active, as the sample deploys it (the X-Ray daemon's UDP port is simply closed here)
    env.put(
        "_X_AMZN_TRACE_ID",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
    env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
    env.put("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000");
    return env;
  }

  /**
   * The sample answers 201 even when its write fails (it logs the error): its timings count only if
   * every call stored its product; and the SDK floors' only if they wrote every item.
   */
  private static void checkWrites(LocalStack stack, int products, int floorItems) {
    List<String> keys =
        stack.dynamoDb().scanPaginator(request -> request.tableName(SAMPLE_TABLE)).items().stream()
            .map(item -> item.get("PK").s())
            .toList();
    long floor = keys.stream().filter(key -> key.startsWith("FLOOR#")).count();
    if (keys.size() - floor != products || floor != floorItems) {
      throw new IllegalStateException(
          "the public sample stored %d products of %d, the SDK floors %d items of %d"
              .formatted(keys.size() - floor, products, floor, floorItems));
    }
  }

  /** The sample's {@code PUT /{id}} event, with a new product id each time. */
  private static Path sampleEvent(Path root, Path work, String tag) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode event = (ObjectNode) json.readTree(root.resolve(SAMPLE_EVENT).toFile());
    String id = "bench-" + tag + "-" + System.nanoTime();
    ObjectNode body = (ObjectNode) json.readTree(event.path("body").asText());
    body.put("id", id);
    event.put("body", body.toString());
    event.put("rawPath", "/" + id);
    ((ObjectNode) event.path("pathParameters")).put("id", id);
    ((ObjectNode) event.path("requestContext").path("http")).put("path", "/" + id);
    return Files.writeString(work.resolve("sample-" + tag + ".json"), event.toString());
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
    double floorCold = results.get(FLOOR).cold();
    Samples sample = results.get(SAMPLE);
    System.out.printf(
        "%nCold starts, %d fresh JVMs each (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC), ms:"
            + " min / median / max; ratios = median exec→first response over the floor's (%.0f"
            + " ms) and the public sample's (%s)%n%n",
        runs, floorCold, sample == null ? "not run" : String.format("%.0f ms", sample.cold()));
    System.out.println(
        "| function | init (exec → handler built) | first call | warm call | exec → first response"
            + " | ratio to floor | ratio to sample |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, Samples> row : results.entrySet()) {
      Samples s = row.getValue();
      double cold = s.cold();
      System.out.printf(
          "| %s | %s | %s | %s | %.0f | %.1f× | %s |%n",
          row.getKey(),
          s.range(0),
          s.range(1),
          s.range(2),
          cold,
          cold / floorCold,
          sample == null ? "–" : String.format("%.2f×", cold / sample.cold()));
    }
  }

  /**
   * Intake against each goal of issue 12, from the medians of this run: cold start (exec → first
   * response, without priming) ≤ 0.6× the public sample's and ≤ 2× the floor's; first call after
   * priming ≤ 50 ms; warm call (without priming) ≤ the sample's.
   */
  private static void printGoals(Map<String, Samples> results) {
    System.out.printf("%nGoals of issue 12 for intake, this run (medians):%n%n");
    System.out.println("| goal | intake | against | ratio | |");
    System.out.println("|---|---|---|---|---|");
    Samples intake = results.get(INTAKE);
    Samples primed = results.get(INTAKE + " primed");
    Samples sample = results.get(SAMPLE);
    Samples floor = results.get(FLOOR);
    String noIntake = "IntakeFunction not run";
    String noSample = "public sample not run (its jar is built with -Pbench)";
    if (intake == null || sample == null) {
      goalNotMeasured("cold start ≤ 0.6× the public sample", intake == null ? noIntake : noSample);
    } else {
      goal("cold start ≤ 0.6× the public sample", intake.cold(), "sample", sample.cold(), 0.6);
    }
    if (intake == null) {
      goalNotMeasured("cold start ≤ 2× the no-op floor", noIntake);
    } else {
      goal("cold start ≤ 2× the no-op floor", intake.cold(), "floor", floor.cold(), 2.0);
    }
    if (primed == null) {
      goalNotMeasured("first call after priming ≤ 50 ms", noIntake);
    } else {
      goal("first call after priming ≤ 50 ms", primed.median(1), "goal", 50, 1.0);
    }
    if (intake == null || sample == null) {
      goalNotMeasured("warm call ≤ the public sample's", intake == null ? noIntake : noSample);
    } else {
      goal("warm call ≤ the public sample's", intake.median(2), "sample", sample.median(2), 1.0);
    }
  }

  /**
   * The same goals for the SDK floors, which do nothing of Relais's own work (no parsing, no
   * validation, no guard): what the SDK and the emulator cost by themselves, in the same run. A
   * goal the SDK floor does not meet cannot be met by a function that writes through the SDK; the
   * last lines give intake's own work over the floors.
   */
  private static void printSdkFloors(Map<String, Samples> results) {
    Samples put = results.get(SDK_PUT);
    Samples transaction = results.get(SDK_TRANSACTION);
    Samples sample = results.get(SAMPLE);
    Samples floor = results.get(FLOOR);
    System.out.printf(
        "%nThe same goals for the SDK floors (Relais's DynamoDB client and one write, nothing"
            + " else), this run (medians):%n%n");
    System.out.println("| goal | SDK floor | against | ratio | |");
    System.out.println("|---|---|---|---|---|");
    goal(
        "SDK floor (one PutItem): cold start ≤ 2× the no-op floor",
        put.cold(),
        "floor",
        floor.cold(),
        2.0);
    if (sample != null) {
      goal(
          "SDK floor (one PutItem): cold start ≤ 0.6× the public sample",
          put.cold(),
          "sample",
          sample.cold(),
          0.6);
      goal(
          "SDK floor (one PutItem): warm call ≤ the public sample's",
          put.median(2),
          "sample",
          sample.median(2),
          1.0);
      goal(
          "SDK floor (transaction of 3 puts): warm call ≤ the public sample's",
          transaction.median(2),
          "sample",
          sample.median(2),
          1.0);
    }
    Samples intake = results.get(INTAKE);
    if (intake != null) {
      System.out.printf(
          "%nIntake's own work over the SDK floors: cold start %+.0f ms over one PutItem's,"
              + " warm call %+.0f ms over the transaction's.%n",
          intake.cold() - put.cold(), intake.median(2) - transaction.median(2));
    }
  }

  private static void goal(
      String goal, double intake, String against, double reference, double maxRatio) {
    double ratio = intake / reference;
    System.out.printf(
        "| %s | %.0f ms | %s %.0f ms | %.2f× | %s |%n",
        goal, intake, against, reference, ratio, ratio <= maxRatio ? "met" : "not met");
  }

  private static void goalNotMeasured(String goal, String why) {
    System.out.printf("| %s | – | – | – | not measured: %s |%n", goal, why);
  }

  /** The timings of one row: init, first, warm. */
  private static final class Samples {
    private final List<double[]> runs = new ArrayList<>();

    void add(double[] timing) {
      runs.add(timing);
    }

    /** Median init plus median first call: exec → first response. */
    double cold() {
      return median(0) + median(1);
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
