package ca.relais.local;

import ca.relais.aws.dynamodb.DynamoDbRoutingDirectory;
import ca.relais.core.config.Environment;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.RoutingCsv;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.local.emulator.EmbeddedDynamoDb;
import ca.relais.local.emulator.EmbeddedSqs;
import ca.relais.local.emulator.Ports;
import ca.relais.local.emulator.SesEmulator;
import ca.relais.local.emulator.SesInbox;
import ca.relais.local.gateway.HttpRoute;
import ca.relais.local.gateway.LocalGateway;
import ca.relais.local.lambda.LambdaEnvironment;
import ca.relais.local.lambda.LocalCredentialsEndpoint;
import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.FunctionDef;
import ca.relais.local.template.HttpApiEvent;
import ca.relais.local.template.LocalProvisioner;
import ca.relais.local.template.LocalResources;
import ca.relais.local.template.SamTemplate;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole Relais pipeline on one machine, in one JVM, driven by {@code template.yaml}: DynamoDB
 * Local, ElasticMQ, aws-ses-v2-local, the functions' real handler classes behind a local API
 * Gateway, and the event source mappings and schedules that connect them.
 */
public final class LocalStack implements AutoCloseable {

  /**
   * Credentials the functions use locally; DynamoDB Local runs with a shared database, so any work.
   */
  static final String ACCESS_KEY = "local";

  /** The SDK's system-property names for the container-credentials endpoint and its token. */
  private static final String CREDENTIALS_URI_PROPERTY = "aws.containerCredentialsFullUri";

  private static final String CREDENTIALS_TOKEN_PROPERTY = "aws.containerAuthorizationToken";

  /** The table the routing directory is loaded into. */
  static final String RELAIS_TABLE = "RelaisTable";

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  /** The template parameter of the links' base URL, set to the local gateway. */
  static final String PUBLIC_BASE_URL = "PublicBaseUrl";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private int gatewayPort;
  private final LocalStackSettings settings;
  private URI dynamoDbUri;
  private URI sqsUri;
  private volatile SesEmulator ses;
  private Path sesDirectory;
  private int sesPort;
  private LocalGateway gateway;
  private DynamoDbClient dynamoDbClient;
  private SqsClient sqsClient;
  private DynamoDbStreamsClient streamsClient;
  private SamTemplate template;
  private LocalResources resources;
  private LocalCredentialsEndpoint credentials;
  private final Map<String, LocalFunction> functions = new LinkedHashMap<>();

  private LocalStack(LocalStackSettings settings) {
    this.settings = settings;
  }

  /** Starts everything; on any failure, stops what had started and rethrows. */
  public static LocalStack start(LocalStackSettings settings) throws Exception {
    LocalStack stack = new LocalStack(settings);
    try {
      stack.startAll();
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() throws Exception {
    // a busy gateway port is found before the emulators take seconds to start
    Ports.requireFree(settings.gatewayPort(), "The API gateway", "--port");
    Files.createDirectories(settings.logDirectory());
    // the links in the emails ("pris en charge") point at this gateway unless told otherwise
    gatewayPort = settings.gatewayPort() == 0 ? Ports.freePort() : settings.gatewayPort();
    Map<String, String> parameters = new LinkedHashMap<>(settings.parameterOverrides());
    SamTemplate declared = SamTemplate.load(settings.template(), Map.of());
    if (declared.parameters().containsKey(PUBLIC_BASE_URL)) {
      parameters.putIfAbsent(PUBLIC_BASE_URL, "http://127.0.0.1:" + gatewayPort);
    }
    // NoEcho parameters without a value (secrets) get a random value at each start
    template = SamTemplate.load(settings.template(), parameters).withLocalSecrets();
    if (settings.externalDynamoDb().isPresent()) {
      dynamoDbUri = settings.externalDynamoDb().get();
    } else {
      dynamoDbUri =
          track(EmbeddedDynamoDb.start(settings.dynamoDbPort(), settings.dynamoDbHost()))
              .endpoint();
    }
    if (settings.externalSqs().isPresent()) {
      sqsUri = settings.externalSqs().get();
    } else {
      sqsUri = track(EmbeddedSqs.start(settings.sqsPort(), settings.region())).endpoint();
    }
    sesDirectory = settings.sesEmulatorDirectory().orElseGet(SesEmulator::locateDefaultDirectory);
    ses = SesEmulator.start(sesDirectory, settings.sesPort(), sesLog());
    sesPort = ses.endpoint().getPort();
    started.push(() -> ses.close());
    dynamoDbClient = track(client(DynamoDbClient.builder(), dynamoDbUri));
    streamsClient = track(client(DynamoDbStreamsClient.builder(), dynamoDbUri));
    sqsClient = track(client(SqsClient.builder(), sqsUri));
    resources =
        new LocalProvisioner(dynamoDbClient, sqsClient, settings.region()).provision(template);
    loadRouting();
    credentials = LocalCredentialsEndpoint.shared();
    publishEnvironment();
    for (FunctionDef function : template.functions().values()) {
      functions.put(function.logicalId(), track(LocalFunction.load(spec(function))));
    }
    LocalEventSources sources =
        track(LocalEventSources.start(template, resources, functions, streamsClient, sqsClient));
    gateway = track(LocalGateway.start(gatewayPort, routes(), sources.controls()));
  }

  /**
   * What Lambda knows of a function, from the template: its timeout, memory, version, SnapStart and
   * its whole environment (see {@link LambdaEnvironment}).
   */
  private LocalFunction.Spec spec(FunctionDef function) {
    Map<String, Object> properties = template.functionProperties(function.logicalId());
    boolean snapStart =
        properties.get("SnapStart") instanceof Map<?, ?> snap
            && "PublishedVersions".equals(snap.get("ApplyOn"));
    int memory = number(properties.getOrDefault("MemorySize", 128), "MemorySize", function);
    String version = properties.containsKey("AutoPublishAlias") ? "1" : "$LATEST";
    LambdaEnvironment lambda =
        new LambdaEnvironment(
            resources.environmentOf(function),
            String.valueOf(properties.get("Handler")),
            function.logicalId(),
            settings.region(),
            String.valueOf(properties.getOrDefault("Runtime", "java21")),
            memory,
            version,
            snapStart);
    return new LocalFunction.Spec(
        function.logicalId(),
        function.handlerClass(),
        function.handlerMethod(),
        function.timeoutSeconds(),
        memory,
        version,
        settings.concurrency(),
        lambda.variables(credentials, endpoints()));
  }

  private static int number(Object value, String property, FunctionDef function) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          function.logicalId() + "." + property + " must be a number, not " + value);
    }
  }

  /** The emulators, by the service part of {@code AWS_ENDPOINT_URL_<SERVICE>}. */
  private Map<String, URI> endpoints() {
    return Map.of(
        "DYNAMODB", dynamoDbUri, "SQS", sqsUri, "SESV2", URI.create("http://127.0.0.1:" + sesPort));
  }

  /**
   * Loads the routing directory file into the table; a bad file stops the start, naming every bad
   * row.
   */
  private void loadRouting() throws IOException {
    Path file = settings.routingFile();
    List<RelayAgent> agents;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      agents = RoutingCsv.parse(reader, TerritoryDirectory.loadDefault());
    } catch (RoutingCsv.InvalidRoutingFile invalid) {
      throw new IllegalArgumentException(
          "Routing directory " + file + " is invalid:\n" + invalid.getMessage());
    } catch (NoSuchFileException missing) {
      throw new IllegalArgumentException(
          "Routing directory " + file + " does not exist (--routing FILE)");
    }
    new DynamoDbRoutingDirectory(
            dynamoDbClient, resources.tableName(RELAIS_TABLE), Clock.systemUTC(), Duration.ZERO)
        .replaceAll(agents);
    LOG.info("Routing directory {}: {} agents", file, agents.size());
  }

  /**
   * Invokes one function of the template with an event, as {@code sam local invoke -e} does: for
   * event sources the local stack does not emulate (the SNS topic of SES delivery events).
   *
   * @return the function's response (JSON)
   */
  public String invoke(String functionLogicalId, String eventJson)
      throws LocalFunction.FunctionError {
    LocalFunction function = functions.get(functionLogicalId);
    if (function == null) {
      throw new IllegalArgumentException(
          "No function " + functionLogicalId + " in the template: " + functions.keySet());
    }
    return function.invoke(eventJson);
  }

  /**
   * Stops the SES emulator (tests of an outage); {@link #startSes()} brings it back on the same
   * port.
   */
  public synchronized void stopSes() {
    ses.close();
  }

  public synchronized void startSes() throws IOException, InterruptedException {
    ses = SesEmulator.start(sesDirectory, sesPort, sesLog());
  }

  private Path sesLog() {
    return settings.logDirectory().resolve("ses-emulator.log");
  }

  private List<HttpRoute> routes() {
    List<HttpRoute> routes = new ArrayList<>();
    for (FunctionDef function : template.functions().values()) {
      function.events().stream()
          .filter(HttpApiEvent.class::isInstance)
          .map(HttpApiEvent.class::cast)
          .forEach(
              e ->
                  routes.add(
                      new HttpRoute(e.method(), e.path(), functions.get(function.logicalId()))));
    }
    // Literal paths before parameterised ones, as API Gateway prefers the most specific route.
    routes.sort((a, b) -> Long.compare(braces(a.pathTemplate()), braces(b.pathTemplate())));
    return routes;
  }

  private static long braces(String path) {
    return path.chars().filter(c -> c == '{').count();
  }

  /**
   * Every function's variables from the template, resolved to the local resources, plus the region
   * and endpoints: published as {@code relais.env.*} system properties (see {@link Environment})
   * for code that builds a handler outside a function's scope (each function itself runs with
   * exactly its own variables). No access key is published: like a SnapStart function, such code
   * gets credentials from the loopback container endpoint, which the SDK finds through the system
   * properties {@code aws.containerCredentialsFullUri} and {@code aws.containerAuthorizationToken}
   * (the JVM's environment cannot be changed). Two functions may not give one variable different
   * values.
   */
  private void publishEnvironment() {
    Map<String, String> merged = new LinkedHashMap<>();
    Map<String, String> owner = new LinkedHashMap<>();
    for (FunctionDef function : template.functions().values()) {
      resources
          .environmentOf(function)
          .forEach(
              (name, value) -> {
                String previous = merged.putIfAbsent(name, value);
                if (previous != null && !previous.equals(value)) {
                  throw new IllegalStateException(
                      "Environment variable "
                          + name
                          + " differs between "
                          + owner.get(name)
                          + " and "
                          + function.logicalId()
                          + "; the local stack runs all functions in one JVM and needs one value");
                }
                owner.putIfAbsent(name, function.logicalId());
              });
    }
    merged.put("AWS_REGION", settings.region());
    merged.put("AWS_DEFAULT_REGION", settings.region());
    // Blank hides a developer's own keys in the process environment (see Environment.system()).
    merged.put("AWS_ACCESS_KEY_ID", "");
    merged.put("AWS_SECRET_ACCESS_KEY", "");
    merged.put("AWS_SESSION_TOKEN", "");
    merged.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.uri().toString());
    merged.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", credentials.token());
    endpoints()
        .forEach((service, uri) -> merged.put("AWS_ENDPOINT_URL_" + service, uri.toString()));
    merged.forEach((name, value) -> System.setProperty(Environment.PROPERTY_PREFIX + name, value));
    System.setProperty(CREDENTIALS_URI_PROPERTY, credentials.uri().toString());
    System.setProperty(CREDENTIALS_TOKEN_PROPERTY, credentials.token());
    LOG.info(
        "Published {} environment variables for {} functions",
        merged.size(),
        template.functions().size());
  }

  private <
          B extends
              software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
                  & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>,
          C>
      C client(B builder, URI endpoint) {
    return builder
        .region(Region.of(settings.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)))
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private <T> T track(T resource) {
    if (resource instanceof AutoCloseable closeable) {
      started.push(closeable);
    }
    return resource;
  }

  public URI gatewayEndpoint() {
    return gateway.endpoint();
  }

  public URI dynamoDbEndpoint() {
    return dynamoDbUri;
  }

  public URI sqsEndpoint() {
    return sqsUri;
  }

  public URI sesEndpoint() {
    return URI.create("http://127.0.0.1:" + sesPort);
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDbClient;
  }

  public SqsClient sqs() {
    return sqsClient;
  }

  public DynamoDbStreamsClient streams() {
    return streamsClient;
  }

  public SesInbox inbox() {
    return new SesInbox(sesEndpoint());
  }

  public LocalResources resources() {
    return resources;
  }

  public SamTemplate template() {
    return template;
  }

  public LocalStackSettings settings() {
    return settings;
  }

  /** A function of the template, as loaded (for tests: its peak concurrency). */
  public LocalFunction function(String logicalId) {
    LocalFunction function = functions.get(logicalId);
    if (function == null) {
      throw new IllegalArgumentException(
          "No function " + logicalId + " in the template: " + functions.keySet());
    }
    return function;
  }

  /** The loopback container-credentials endpoint SnapStart functions get their credentials from. */
  public LocalCredentialsEndpoint credentialsEndpoint() {
    return credentials;
  }

  /** Stops everything that started, last started first. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable resource = started.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Could not stop {} cleanly", resource.getClass().getSimpleName(), e);
      }
    }
  }
}
