package ca.relais.intake;

import ca.relais.aws.http.HttpApiResponse;
import ca.relais.core.i18n.Messages;
import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.intake.FieldError;
import ca.relais.core.json.Json;
import ca.relais.core.model.Language;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answers intake gives: JSON for clients, a redirect or a page for browsers. */
final class HttpResponses {

  private HttpResponses() {}

  static HttpApiResponse created(String id) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("status", "received");
    return json(201, body, Language.FR);
  }

  static HttpApiResponse seeOther(String location) {
    return HttpApiResponse.builder()
        .withStatusCode(303)
        .withHeaders(Map.of("Location", location, "Cache-Control", "no-store"))
        .build();
  }

  /** 4xx with every field error, in the reader's language. */
  static HttpApiResponse errors(int status, List<FieldError> errors, Language language) {
    Messages messages = Messages.of(language);
    List<Map<String, String>> items =
        errors.stream()
            .map(
                e -> {
                  Map<String, String> item = new LinkedHashMap<>();
                  item.put("field", e.field());
                  item.put("message", messages.format(e.messageKey(), e.arguments()));
                  return item;
                })
            .toList();
    return json(status, Map.of("errors", items), language);
  }

  /** 415, 413 or 400 for a body that could not be read, naming the field (JSON API answers). */
  static HttpApiResponse bodyRejected(
      BodyRejectedException rejected, int maxBodyBytes, Language language) {
    return switch (rejected.reason()) {
      case UNSUPPORTED_MEDIA_TYPE ->
          error(415, FieldError.of(rejected.field(), "body.unsupported_media_type"), language);
      case TOO_LARGE ->
          error(
              413,
              FieldError.of(rejected.field(), "body.too_large", String.valueOf(maxBodyBytes)),
              language);
      case MALFORMED -> error(400, FieldError.of(rejected.field(), "body.malformed"), language);
      case NOT_A_FORM -> error(400, FieldError.of(rejected.field(), "body.not_a_form"), language);
    };
  }

  static HttpApiResponse error(int status, FieldError error, Language language) {
    return errors(status, List.of(error), language);
  }

  static HttpApiResponse unavailable(Language language) {
    Map<String, Object> body =
        Map.of("message", Messages.of(language).format("server.unavailable"));
    HttpApiResponse response = json(503, body, language);
    response.getHeaders().put("Retry-After", "30");
    return response;
  }

  static HttpApiResponse html(int status, String page, Language language) {
    return HttpApiResponse.builder()
        .withStatusCode(status)
        .withHeaders(
            new LinkedHashMap<>(
                Map.of(
                    "Content-Type", "text/html; charset=utf-8",
                    "Content-Language", language.code(),
                    "Cache-Control", "no-store",
                    "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'",
                    "X-Content-Type-Options", "nosniff")))
        .withBody(page)
        .build();
  }

  static HttpApiResponse json(int status, Object body, Language language) {
    String text = Json.write(body);
    return HttpApiResponse.builder()
        .withStatusCode(status)
        .withHeaders(
            new LinkedHashMap<>(
                Map.of(
                    "Content-Type", "application/json; charset=utf-8",
                    "Content-Language", language.code(),
                    "Cache-Control", "no-store")))
        .withBody(text)
        .build();
  }
}
