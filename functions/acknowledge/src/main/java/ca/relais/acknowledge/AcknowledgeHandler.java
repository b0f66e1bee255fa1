package ca.relais.acknowledge;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.aws.dynamodb.DynamoDbFollowUps;
import ca.relais.aws.dynamodb.DynamoDbRoutingDirectory;
import ca.relais.aws.http.HttpApiEvent;
import ca.relais.aws.http.HttpApiResponse;
import ca.relais.aws.snapstart.SnapStartPriming;
import ca.relais.core.config.Environment;
import ca.relais.core.followup.FollowUpSettings;
import ca.relais.core.followup.TakeService;
import ca.relais.core.json.Json;
import ca.relais.core.log.StructuredLogger;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /pris-en-charge?t=TOKEN} shows the report's reference and a button, and records
 * nothing (mail scanners and link previews fetch links); {@code POST /pris-en-charge} with the form
 * field {@code t=TOKEN} records who took it. Both answer a bilingual HTML page: 200 (button, done,
 * or already taken by whom and when), 400 (malformed or forged link), 404 (report gone), 410
 * (expired link), 405 (another method).
 */
public final class AcknowledgeHandler implements RequestStreamHandler {

  private static final StructuredLogger LOG =
      StructuredLogger.forComponent(AcknowledgeHandler.class);

  /** A token is ~150 characters; anything much longer is not one. */
  private static final int MAX_BODY_CHARS = 4096;

  private final TakeService take;
  private final TakePages pages = new TakePages();
  private final SnapStartPriming priming;

  /** Lambda's constructor: real clients from the environment that {@code template.yaml} sets. */
  public AcknowledgeHandler() {
    this(service(Environment.system()));
  }

  private static TakeService service(Environment environment) {
    String table = environment.require("TABLE_NAME");
    DynamoDbClient dynamoDb = DynamoDbClients.create(AwsClientSettings.forFunction(environment));
    return new TakeService(
        FollowUpSettings.verifier(environment),
        new DynamoDbFollowUps(dynamoDb, table),
        new DynamoDbRoutingDirectory(dynamoDb, table, Clock.systemUTC(), Duration.ofMinutes(1)),
        Clock.systemUTC());
  }

  AcknowledgeHandler(TakeService take) {
    this.take = take;
    this.priming = SnapStartPriming.register("acknowledge", this::prime);
  }

  /**
   * SnapStart priming (before the snapshot): the pages of a malformed and of a forged link, through
   * this handler (no call leaves the function: a link is checked before anything is read).
   */
  void prime() throws IOException {
    for (String token :
        new String[] {
          "not-a-token", "O-20260101-PR1M1NG0." + "0".repeat(64) + ".1." + "A".repeat(43)
        }) {
      HttpApiEvent event = new HttpApiEvent();
      event.setQueryStringParameters(Map.of("t", token));
      // as Lambda calls it: the event's raw JSON in, the answer's JSON out
      handleRequest(
          new ByteArrayInputStream(
              Json.write(event.toJsonValue()).getBytes(StandardCharsets.UTF_8)),
          new ByteArrayOutputStream(),
          null);
    }
  }

  /**
   * Lambda's entry point: the API Gateway HTTP API event (payload 2.0) as raw JSON in, the answer's
   * JSON out (read and written with the functions' own JSON reader, not the runtime's serializers).
   *
   * @throws IOException when the input is not an HTTP API event (a 5xx at the gateway)
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    handleRequest(HttpApiEvent.read(input), context).write(output);
  }

  /** One request: the route's answer (never throws for a bad request; see the class comment). */
  HttpApiResponse handleRequest(HttpApiEvent event, Context context) {
    String method =
        Optional.ofNullable(event.getRequestContext())
            .map(HttpApiEvent.RequestContext::getHttp)
            .map(HttpApiEvent.RequestContext.Http::getMethod)
            .orElse("GET");
    try {
      return switch (method) {
        case "GET", "HEAD" -> pages.render(take.show(query(event)));
        case "POST" -> pages.render(take.take(formToken(event).orElse(query(event))));
        default -> pages.methodNotAllowed();
      };
    } catch (RuntimeException e) {
      LOG.error("take.failed", e, "method", method);
      return pages.unavailable();
    }
  }

  private static String query(HttpApiEvent event) {
    return Optional.ofNullable(event.getQueryStringParameters()).map(q -> q.get("t")).orElse("");
  }

  /** The {@code t} field of an urlencoded form body. */
  private static Optional<String> formToken(HttpApiEvent event) {
    String body = event.getBody();
    if (body == null || body.isEmpty()) {
      return Optional.empty();
    }
    if (event.getIsBase64Encoded()) {
      try {
        body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    if (body.length() > MAX_BODY_CHARS) {
      return Optional.empty();
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("t")) {
        try {
          return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The headers of every page: never cached, never framed, no referrer (the link is a key). */
  static final Map<String, String> HEADERS =
      Map.of(
          "Content-Type", "text/html; charset=utf-8",
          "Cache-Control", "no-store",
          "Referrer-Policy", "no-referrer",
          "X-Content-Type-Options", "nosniff",
          "X-Robots-Tag", "noindex",
          "Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
}
