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
 * tests do). {@code --dynamodb-host} / {@code RELAIS_DYNAMODB_HOST} (127.0.0.1; {@code 0.0.0.0}
 * opens DynamoDB Local to the network on purpose), {@code --concurrency} / {@code
 * RELAIS_CONCURRENCY} (10: API events each function runs at once, as Lambda's separate environments
 * do).
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
    Map<String, String> parameterOverrides,
    String dynamoDbHost,
    int concurrency) {

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
          "form-secrets",
          "dynamodb-host",
          "concurrency",
          "parameter");

  /** API events a function runs at once unless {@code --concurrency} says otherwise. */
  public static final int DEFAULT_CONCURRENCY = 10;

  static final String USAGE =
      "Usage: java -jar infrastructure/local/target/relais-local.jar [--port 3000] [--dynamodb-port 8000]"
          + " [--sqs-port 9324] [--ses-port 8005] [--routing routing.csv] [--template template.yaml]"
          + " [--ses-emulator-dir DIR] [--form-secrets form-secrets.json]"
          + " [--dynamodb-host 127.0.0.1] [--concurrency 10]"
          + " [--parameter Name=Value]... (any parameter of template.yaml, repeatable)";

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
        parameters(flags, environment, template),
        flags
            .value("dynamodb-host")
            .or(() -> Optional.ofNullable(environment.get("RELAIS_DYNAMODB_HOST")))
            .orElse("127.0.0.1"),
        concurrency(flags, environment));
  }

  private static int concurrency(Flags flags, Map<String, String> environment) {
    String text =
        flags
            .value("concurrency")
            .or(() -> Optional.ofNullable(environment.get("RELAIS_CONCURRENCY")))
            .orElse(String.valueOf(DEFAULT_CONCURRENCY));
    try {
      int value = Integer.parseInt(text.trim());
      if (value < 1 || value > 1000) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--concurrency / RELAIS_CONCURRENCY must be a number from 1 to 1000, not " + text);
    }
  }

  /**
   * The template parameters given: {@code --form-secrets FILE} (parameter {@code FormSecrets}),
   * then each {@code --parameter Name=Value} (repeatable; a later one wins), e.g. {@code
   * --parameter EscalationMinutes=0.5}. A name the template does not declare stops the start.
   * {@code PERSON_KEY_SECRET} of the environment (never a flag: a command line is visible to every
   * process) becomes the template's {@code PersonKeySecret}, so that the person tool run in the
   * same shell finds the stack's records; without it the stack draws a random key at each start.
   */
  private static Map<String, String> parameters(
      Flags flags, Map<String, String> environment, Path template) {
    Map<String, String> parameters = new java.util.LinkedHashMap<>(formSecrets(flags, environment));
    String personKey = environment.get("PERSON_KEY_SECRET");
    if (personKey != null && !personKey.isBlank()) {
      parameters.put("PersonKeySecret", personKey);
    }
    for (String given : flags.parameters()) {
      int eq = given.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--parameter takes Name=Value (a parameter of template.yaml), not " + given);
      }
      parameters.put(given.substring(0, eq).strip(), given.substring(eq + 1));
    }
    if (!flags.parameters().isEmpty()) {
      java.util.Set<String> declared =
          ca.relais.local.template.SamTemplate.load(template).parameters().keySet();
      for (String name : parameters.keySet()) {
        if (!declared.contains(name)) {
          throw new IllegalArgumentException(
              "--parameter "
                  + name
                  + ": template.yaml has no such parameter; it has "
                  + String.join(", ", new java.util.TreeSet<>(declared)));
        }
      }
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
        Map.of(),
        "127.0.0.1",
        DEFAULT_CONCURRENCY);
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
        parameterOverrides,
        dynamoDbHost,
        concurrency);
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
        Map.copyOf(overrides),
        dynamoDbHost,
        concurrency);
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
        parameterOverrides,
        dynamoDbHost,
        concurrency);
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

  /**
   * {@code --name value} and {@code --name=value} flags; {@code --parameter} may repeat and keeps
   * each value.
   */
  record Flags(Map<String, String> values, java.util.List<String> parameters) {
    static Flags parse(String[] args) {
      Map<String, String> values = new java.util.LinkedHashMap<>();
      java.util.List<String> parameters = new java.util.ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (!arg.startsWith("--")) {
          throw new IllegalArgumentException(
              "Unexpected argument " + arg + " (flags are --name value)");
        }
        String name = arg.substring(2);
        int eq = name.indexOf('=');
        if (name.equals("parameter") || name.startsWith("parameter=")) {
          if (eq >= 0) {
            parameters.add(name.substring(eq + 1));
          } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            parameters.add(args[++i]);
          } else {
            throw new IllegalArgumentException("--parameter takes Name=Value");
          }
          values.put("parameter", "given");
        } else if (eq >= 0) {
          values.put(name.substring(0, eq), name.substring(eq + 1));
        } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
          values.put(name, args[++i]);
        } else {
          values.put(name, "true");
        }
      }
      return new Flags(values, java.util.List.copyOf(parameters));
    }

    Optional<String> value(String name) {
      return Optional.ofNullable(values.get(name));
    }
  }
}
