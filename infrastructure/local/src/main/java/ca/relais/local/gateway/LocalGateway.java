package ca.relais.local.gateway;

import ca.relais.local.emulator.PortInUseException;
import ca.relais.local.lambda.LocalFunction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for API Gateway HTTP API (payload format 2.0): matches the request to a route of
 * the template, builds the same event JSON API Gateway sends, invokes the function, and turns its
 * response back into HTTP. Paths under {@code /_local/} are the local stack's own controls.
 */
public final class LocalGateway implements AutoCloseable {

  /** The largest body API Gateway HTTP APIs accept. */
  static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

  /**
   * Lambda's limit on a synchronous invocation's payload, the event JSON API Gateway builds (the
   * body, base64 when binary, with headers and context), and on the function's response: it refuses
   * {@value} bytes or more ("Request must be smaller than 6291556 bytes for the Invoke operation").
   * The function never runs, and API Gateway answers an error of its own.
   */
  static final int LAMBDA_MAX_PAYLOAD_BYTES = 6_291_556;

  private static final Logger LOG = LoggerFactory.getLogger(LocalGateway.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<HttpRoute> routes;
  private final Map<String, ControlHandler> controls;

  /** A control endpoint of the local stack, e.g. {@code POST /_local/schedules/{id}}. */
  @FunctionalInterface
  public interface ControlHandler {
    /**
     * @param method the HTTP method
     * @param rest the path after the control's prefix
     * @param query the decoded query parameters
     * @return status and JSON body
     */
    ControlResponse handle(String method, String rest, Map<String, String> query) throws Exception;
  }

  /** What a control endpoint answers. */
  public record ControlResponse(int status, String json) {}

  private LocalGateway(
      HttpServer server,
      ExecutorService executor,
      List<HttpRoute> routes,
      Map<String, ControlHandler> controls) {
    this.server = server;
    this.executor = executor;
    this.routes = routes;
    this.controls = controls;
  }

  /**
   * Starts the gateway on 127.0.0.1.
   *
   * @throws PortInUseException when another process listens on the port
   * @param controls path prefixes (e.g. {@code /_local/schedules/}) and their handlers
   */
  public static LocalGateway start(
      int port, List<HttpRoute> routes, Map<String, ControlHandler> controls) throws IOException {
    // Enough threads and backlog for every function's concurrency: requests queue in the
    // functions (LocalFunction), not in front of the gateway.
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
    } catch (BindException taken) {
      throw new PortInUseException("The API gateway", port, "--port");
    }
    ExecutorService executor = Executors.newFixedThreadPool(64);
    LocalGateway gateway =
        new LocalGateway(server, executor, List.copyOf(routes), new LinkedHashMap<>(controls));
    server.createContext("/", gateway::handle);
    server.setExecutor(executor);
    server.start();
    return gateway;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<HttpRoute> routes() {
    return routes;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      for (Map.Entry<String, ControlHandler> control : controls.entrySet()) {
        if (path.startsWith(control.getKey())) {
          ControlResponse response =
              control
                  .getValue()
                  .handle(
                      method,
                      path.substring(control.getKey().length()),
                      decodeQuery(exchange.getRequestURI().getRawQuery()));
          send(
              exchange,
              response.status(),
              Map.of("Content-Type", "application/json"),
              bytes(response.json()));
          return;
        }
      }
      for (HttpRoute route : routes) {
        Optional<Map<String, String>> parameters = route.match(method, path);
        if (parameters.isPresent()) {
          invoke(exchange, route, parameters.get());
          return;
        }
      }
      boolean pathKnown = routes.stream().anyMatch(r -> r.matchesPath(path));
      // API Gateway HTTP APIs answer 404 for an unknown route, whatever the method.
      LOG.debug("No route for {} {} (path known: {})", method, path, pathKnown);
      send(
          exchange,
          404,
          Map.of("Content-Type", "application/json"),
          bytes("{\"message\":\"Not Found\"}"));
    } catch (Exception e) {
      LOG.error(
          "Gateway failure on {} {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(),
          e);
      internalServerError(exchange);
    }
  }

  private void invoke(HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters)
      throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
    }
    if (body.length > MAX_PAYLOAD_BYTES) {
      send(
          exchange,
          413,
          Map.of("Content-Type", "application/json"),
          bytes("{\"message\":\"Request Entity Too Large\"}"));
      return;
    }
    String event = JSON.writeValueAsString(event(exchange, route, pathParameters, body));
    int eventBytes = event.getBytes(StandardCharsets.UTF_8).length;
    if (eventBytes >= LAMBDA_MAX_PAYLOAD_BYTES) {
      // as in AWS: Lambda refuses the invocation, the function never sees the request
      LOG.warn(
          "Lambda refuses an invocation of {} on {}: event of {} bytes (limit {}); API Gateway"
              + " answers 500",
          route.function().name(),
          route.routeKey(),
          eventBytes,
          LAMBDA_MAX_PAYLOAD_BYTES);
      internalServerError(exchange);
      return;
    }
    String result;
    try {
      result = route.function().invoke(event);
    } catch (LocalFunction.FunctionError e) {
      LOG.error(
          "Function {} failed on {}", route.function().name(), route.routeKey(), e.getCause());
      internalServerError(exchange);
      return;
    }
    int resultBytes = result.getBytes(StandardCharsets.UTF_8).length;
    if (resultBytes >= LAMBDA_MAX_PAYLOAD_BYTES) {
      // as in AWS: the runtime cannot post a response that large, the invocation fails
      LOG.error(
          "Lambda refuses the response of {} on {}: {} bytes (limit {}); API Gateway answers 500",
          route.function().name(),
          route.routeKey(),
          resultBytes,
          LAMBDA_MAX_PAYLOAD_BYTES);
      internalServerError(exchange);
      return;
    }
    respond(exchange, JSON.readTree(result));
  }

  /** What API Gateway answers when the Lambda integration fails. */
  private static void internalServerError(HttpExchange exchange) throws IOException {
    send(
        exchange,
        500,
        Map.of("Content-Type", "application/json"),
        bytes("{\"message\":\"Internal Server Error\"}"));
  }

  private ObjectNode event(
      HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters, byte[] body) {
    ObjectNode event = JSON.createObjectNode();
    URI uri = exchange.getRequestURI();
    String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    event.put("version", "2.0");
    event.put("routeKey", route.routeKey());
    event.put("rawPath", uri.getRawPath());
    event.put("rawQueryString", rawQuery);
    ObjectNode headers = event.putObject("headers");
    List<String> cookies = new ArrayList<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String key = name.toLowerCase(Locale.ROOT);
              if (key.equals("cookie")) {
                values.forEach(v -> List.of(v.split(";\\s*")).forEach(cookies::add));
              } else {
                headers.put(key, String.join(",", values));
              }
            });
    if (!cookies.isEmpty()) {
      ArrayNode cookieArray = event.putArray("cookies");
      cookies.forEach(cookieArray::add);
    }
    Map<String, String> query = decodeQuery(uri.getRawQuery());
    if (!query.isEmpty()) {
      ObjectNode q = event.putObject("queryStringParameters");
      query.forEach(q::put);
    }
    if (!pathParameters.isEmpty()) {
      ObjectNode p = event.putObject("pathParameters");
      pathParameters.forEach(p::put);
    }
    Instant now = Instant.now();
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "000000000000");
    context.put("apiId", "local");
    context.put("domainName", "127.0.0.1");
    context.put("domainPrefix", "local");
    ObjectNode http = context.putObject("http");
    http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
    http.put("path", uri.getRawPath());
    http.put("protocol", exchange.getProtocol());
    http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
    http.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
    context.put("requestId", UUID.randomUUID().toString());
    context.put("routeKey", route.routeKey());
    context.put("stage", "$default");
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());
    if (body.length > 0) {
      String contentType =
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
      boolean text = isText(contentType);
      event.put(
          "body",
          text
              ? new String(body, StandardCharsets.UTF_8)
              : Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", !text);
    } else {
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  /**
   * API Gateway passes JSON and text bodies as they are and base64-encodes everything else (forms
   * included).
   */
  private static boolean isText(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("application/json")
        || type.startsWith("text/")
        || type.startsWith("application/xml")
        || type.startsWith("application/javascript");
  }

  private void respond(HttpExchange exchange, JsonNode response) throws IOException {
    if (response == null || !response.isObject() || !response.has("statusCode")) {
      // A handler that returns a bare value: API Gateway answers 200 with it as JSON.
      send(
          exchange,
          200,
          Map.of("Content-Type", "application/json"),
          bytes(response == null ? "null" : response.toString()));
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    JsonNode headerNode = response.path("headers");
    for (Iterator<Map.Entry<String, JsonNode>> it = headerNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      headers.put(header.getKey(), header.getValue().asText());
    }
    for (JsonNode cookie : response.path("cookies")) {
      exchange.getResponseHeaders().add("Set-Cookie", cookie.asText());
    }
    String body =
        response.path("body").isNull() || response.path("body").isMissingNode()
            ? ""
            : response.path("body").asText();
    byte[] payload =
        response.path("isBase64Encoded").asBoolean(false)
            ? Base64.getDecoder().decode(body)
            : bytes(body);
    send(exchange, response.path("statusCode").asInt(200), headers, payload);
  }

  private static void send(
      HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    boolean noBody =
        body.length == 0
            || status == 204
            || status == 304
            || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Map<String, String> decodeQuery(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        // API Gateway joins repeated parameters with commas.
        query.merge(name, value, (a, b) -> a + "," + b);
      } catch (IllegalArgumentException malformed) {
        query.merge(pair, "", (a, b) -> a);
      }
    }
    return query;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
