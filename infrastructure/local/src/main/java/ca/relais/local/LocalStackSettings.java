package ca.relais.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local stack listens and what it reads. Each value comes from a command-line flag, else
 * an environment variable, else a default: {@code --dynamodb-port} / {@code RELAIS_DYNAMODB_PORT}
 * (8000), {@code --sqs-port} / {@code RELAIS_SQS_PORT} (9324), {@code --ses-port} / {@code
 * RELAIS_SES_PORT} (8005), {@code --port} / {@code RELAIS_GATEWAY_PORT} (3000), {@code --template}
 * / {@code RELAIS_TEMPLATE} (the repository's {@code template.yaml}). Port 0 picks a free port (the
 * tests do).
 */
public record LocalStackSettings(
    Path template,
    int dynamoDbPort,
    int sqsPort,
    int sesPort,
    int gatewayPort,
    String region,
    Path logDirectory,
    Optional<Path> sesEmulatorDirectory,
    Optional<URI> externalDynamoDb,
    Optional<URI> externalSqs,
    Path routingFile,
    Map<String, String> parameterOverrides) {

  public static final String REGION = "ca-central-1";

  /** The demo routing directory: a few MRCs and regions, example.org addresses. */
  static final String DEMO_ROUTING = "infrastructure/local/routing-demo.csv";

  static final java.util.Set<String> KNOWN_FLAGS =
      java.util.Set.of(
          "template",
          "routing",
          "dynamodb-port",
          "sqs-port",
          "ses-port",
          "port",
          "ses-emulator-dir",
          "form-secrets");

  static final String USAGE =
      "Usage: java -jar infrastructure/local/target/relais-local.jar [--port 3000] [--dynamodb-port 8000]"
          + " [--sqs-port 9324] [--ses-port 8005] [--routing routing.csv] [--template template.yaml]"
          + " [--ses-emulator-dir DIR] [--form-secrets form-secrets.json]";

  /** Settings from flags and environment variables. */
  public static LocalStackSettings from(String[] args, Map<String, String> environment) {
    Flags flags = Flags.parse(args);
    for (String name : flags.values().keySet()) {
      if (!KNOWN_FLAGS.contains(name)) {
        throw new IllegalArgumentException("Unknown flag --" + name + ". " + USAGE);
      }
    }
    Path template =
        flags
            .value("template")
            .or(() -> Optional.ofNullable(environment.get("RELAIS_TEMPLATE")))
            .map(Path::of)
            .orElseGet(LocalStackSettings::findTemplate);
    Path root = template.toAbsolutePath().getParent();
    return new LocalStackSettings(
        template,
        port(flags, environment, "dynamodb-port", "RELAIS_DYNAMODB_PORT", 8000),
        port(flags, environment, "sqs-port", "RELAIS_SQS_PORT", 9324),
        port(flags, environment, "ses-port", "RELAIS_SES_PORT", 8005),
        port(flags, environment, "port", "RELAIS_GATEWAY_PORT", 3000),
        REGION,
        root.resolve("infrastructure/local/target/local-logs"),
        flags.value("ses-emulator-dir").map(Path::of),
        Optional.empty(),
        Optional.empty(),
        flags
            .value("routing")
            .or(() -> Optional.ofNullable(environment.get("RELAIS_ROUTING")))
            .map(Path::of)
            .orElse(root.resolve(DEMO_ROUTING)),
        secretParameters(flags, environment));
  }

  /**
   * The secrets given to the local stack: {@code --form-secrets} and, from the environment only
   * (never a flag: a command line is visible to every process), {@code PERSON_KEY_SECRET} as the
   * template's {@code PersonKeySecret}, so that the person tool run in the same shell finds the
   * stack's records. Without it the stack draws a random key at each start.
   */
  private static Map<String, String> secretParameters(
      Flags flags, Map<String, String> environment) {
    Map<String, String> parameters = new java.util.LinkedHashMap<>(formSecrets(flags, environment));
    String personKey = environment.get("PERSON_KEY_SECRET");
    if (personKey != null && !personKey.isBlank()) {
      parameters.put("PersonKeySecret", personKey);
    }
    return Map.copyOf(parameters);
  }

  /**
   * {@code --form-secrets FILE} / {@code RELAIS_FORM_SECRETS_FILE}: a JSON file of webhook secrets
   * ({@code {"typeform-bsl": ["..."]}}), passed as the template's {@code FormSecrets} parameter.
   */
  private static Map<String, String> formSecrets(Flags flags, Map<String, String> environment) {
    Optional<String> file =
        flags
            .value("form-secrets")
            .or(() -> Optional.ofNullable(environment.get("RELAIS_FORM_SECRETS_FILE")));
    if (file.isEmpty()) {
      return Map.of();
    }
    try {
      return Map.of("FormSecrets", java.nio.file.Files.readString(Path.of(file.get())).strip());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("--form-secrets: cannot read " + file.get());
    }
  }

  /** Free ports everywhere, for tests. */
  public static LocalStackSettings forTests(Path template) {
    Path root = template.toAbsolutePath().getParent();
    return new LocalStackSettings(
        template,
        0,
        0,
        0,
        0,
        REGION,
        root.resolve("infrastructure/local/target/test-logs"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        root.resolve(DEMO_ROUTING),
        Map.of());
  }

  /** The same settings with another routing directory. */
  public LocalStackSettings withRouting(Path file) {
    return new LocalStackSettings(
        template,
        dynamoDbPort,
        sqsPort,
        sesPort,
        gatewayPort,
        region,
        logDirectory,
        sesEmulatorDirectory,
        externalDynamoDb,
        externalSqs,
        file,
        parameterOverrides);
  }

  /**
   * The same settings with template parameters overridden (a short visibility timeout in tests).
   */
  public LocalStackSettings withParameters(Map<String, String> overrides) {
    return new LocalStackSettings(
        template,
        dynamoDbPort,
        sqsPort,
        sesPort,
        gatewayPort,
        region,
        logDirectory,
        sesEmulatorDirectory,
        externalDynamoDb,
        externalSqs,
        routingFile,
        Map.copyOf(overrides));
  }

  /**
   * The same stack on DynamoDB and SQS served elsewhere (LocalStack in a container, for the tests
   * where a Docker engine exists); SES stays on aws-ses-v2-local.
   */
  public LocalStackSettings withExternalServices(URI dynamoDb, URI sqs) {
    return new LocalStackSettings(
        template,
        dynamoDbPort,
        sqsPort,
        sesPort,
        gatewayPort,
        region,
        logDirectory,
        sesEmulatorDirectory,
        Optional.of(dynamoDb),
        Optional.of(sqs),
        routingFile,
        parameterOverrides);
  }

  /**
   * The repository's template.yaml: here, or in a parent directory (the jar may run from anywhere
   * below).
   */
  static Path findTemplate() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("template.yaml");
      if (Files.isRegularFile(candidate) && Files.isDirectory(dir.resolve("functions"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalArgumentException(
        "template.yaml not found here or in a parent directory: run from the repository or pass --template PATH");
  }

  private static int port(
      Flags flags, Map<String, String> environment, String flag, String variable, int fallback) {
    String text =
        flags.value(flag).or(() -> Optional.ofNullable(environment.get(variable))).orElse(null);
    if (text == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(text.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + flag + " / " + variable + " must be a port number (0-65535), not " + text);
    }
  }

  /** {@code --name value} and {@code --name=value} flags. */
  record Flags(Map<String, String> values) {
    static Flags parse(String[] args) {
      Map<String, String> values = new java.util.LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (!arg.startsWith("--")) {
          throw new IllegalArgumentException(
              "Unexpected argument " + arg + " (flags are --name value)");
        }
        String name = arg.substring(2);
        int eq = name.indexOf('=');
        if (eq >= 0) {
          values.put(name.substring(0, eq), name.substring(eq + 1));
        } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
          values.put(name, args[++i]);
        } else {
          values.put(name, "true");
        }
      }
      return new Flags(values);
    }

    Optional<String> value(String name) {
      return Optional.ofNullable(values.get(name));
    }
  }
}
