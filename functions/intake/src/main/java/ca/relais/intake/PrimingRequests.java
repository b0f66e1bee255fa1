package ca.relais.intake;

import ca.relais.aws.http.HttpApiEvent;
import ca.relais.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * The requests that SnapStart priming sends through the real handler before the snapshot: a web
 * form page, an observation and a sign-up in JSON that pass validation (their writes go to the dry
 * run's loopback, never to DynamoDB) and a sign-up that fails it. No personal data: the texts say
 * what they are.
 */
final class PrimingRequests {

  private PrimingRequests() {}

  static HttpApiEvent formPage() {
    return event("GET", "/inscription", Map.of("accept", "text/html"), null);
  }

  static HttpApiEvent validObservation() {
    String observedOn = LocalDate.now(ZoneId.of("America/Toronto")).minusDays(1).toString();
    return event(
        "POST",
        "/observations",
        Map.of("content-type", "application/json", "accept", "application/json"),
        """
        {"municipality": "Rimouski", "category": "concern", "description": "Amorçage SnapStart \
        (priming): never stored.", "distress": false, "observedOn": "%s", \
        "reporterEmail": "amorcage@example.org", "language": "fr"}"""
            .formatted(observedOn));
  }

  static HttpApiEvent validSignup() {
    return event(
        "POST",
        "/signups",
        Map.of("content-type", "application/json", "accept", "application/json"),
        """
        {"firstName": "Amorçage", "lastName": "SnapStart", "email": "amorcage@example.org", \
        "phone": "418 555-0123", "municipality": "Rimouski", "roles": ["watch"], \
        "consent": true, "language": "fr"}""");
  }

  static HttpApiEvent invalidSignup() {
    return event(
        "POST",
        "/signups",
        Map.of(
            "content-type",
            "application/x-www-form-urlencoded",
            "accept",
            "application/json",
            "accept-language",
            "en"),
        "municipality=&email=not-an-address");
  }

  /**
   * An event as API Gateway sends it to Lambda: its JSON, in UTF-8, with the request time in epoch
   * milliseconds as API Gateway writes it (a number: the reader's number parsing is primed too).
   */
  static InputStream bytes(HttpApiEvent event) {
    Map<String, Object> json = event.toJsonValue();
    Map<String, Object> context = new java.util.LinkedHashMap<>();
    Json.object(json.get("requestContext")).ifPresent(context::putAll);
    context.put("timeEpoch", System.currentTimeMillis());
    json.put("requestContext", context);
    return new ByteArrayInputStream(Json.write(json).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpApiEvent event(
      String method, String path, Map<String, String> headers, String body) {
    return HttpApiEvent.builder()
        .withVersion("2.0")
        .withRouteKey(method + " " + path)
        .withRawPath(path)
        .withRawQueryString("")
        .withHeaders(headers)
        .withRequestContext(
            HttpApiEvent.RequestContext.builder()
                .withHttp(
                    HttpApiEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(path)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp("127.0.0.1")
                        .build())
                .withRouteKey(method + " " + path)
                .withStage("$default")
                .build())
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }
}
