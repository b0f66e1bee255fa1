package ca.relais.intake;

import ca.relais.aws.http.HttpApiEvent;
import ca.relais.core.intake.BodyParser;
import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.intake.BodyRejectedException.Reason;
import ca.relais.core.intake.FormFields;
import ca.relais.core.model.Language;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The parts of an API Gateway v2 (HTTP API) request that intake reads. */
final class HttpRequest {

  private final HttpApiEvent event;

  HttpRequest(HttpApiEvent event) {
    this.event = event;
  }

  /** {@code POST /signups}: the route key API Gateway matched, else method and path. */
  String route() {
    if (event.getRouteKey() != null && !event.getRouteKey().startsWith("$")) {
      return event.getRouteKey();
    }
    String method =
        event.getRequestContext() != null && event.getRequestContext().getHttp() != null
            ? event.getRequestContext().getHttp().getMethod()
            : "";
    return method + " " + event.getRawPath();
  }

  /** A header, whatever its case (HTTP APIs lowercase them, other callers may not). */
  Optional<String> header(String name) {
    Map<String, String> headers = event.getHeaders();
    if (headers == null) {
      return Optional.empty();
    }
    String value = headers.get(name.toLowerCase(Locale.ROOT));
    if (value == null) {
      for (Map.Entry<String, String> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name)) {
          value = header.getValue();
          break;
        }
      }
    }
    return Optional.ofNullable(value);
  }

  Optional<String> queryParameter(String name) {
    Map<String, String> query = event.getQueryStringParameters();
    return query == null ? Optional.empty() : Optional.ofNullable(query.get(name));
  }

  Optional<String> pathParameter(String name) {
    Map<String, String> path = event.getPathParameters();
    return path == null ? Optional.empty() : Optional.ofNullable(path.get(name));
  }

  Language language() {
    return Language.fromAcceptLanguage(header("Accept-Language"));
  }

  /** True when a browser posted the form and expects a page, not JSON. */
  boolean wantsHtml() {
    return header("Accept")
        .map(a -> a.toLowerCase(Locale.ROOT).contains("text/html"))
        .orElse(false);
  }

  /**
   * The body read as form fields (JSON, urlencoded or multipart, by its {@code Content-Type}).
   *
   * @throws BodyRejectedException no or another content type, too large, or unreadable
   */
  FormFields form(int maxBytes) throws BodyRejectedException {
    String contentType =
        header("Content-Type")
            .orElseThrow(
                () ->
                    new BodyRejectedException(
                        BodyRejectedException.Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type"));
    return BodyParser.parse(contentType, body(maxBytes));
  }

  /** The body's bytes, base64-decoded when API Gateway encoded it, within the size limit. */
  byte[] body(int maxBytes) throws BodyRejectedException {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    if (event.getIsBase64Encoded()) {
      if (body.length() > ((long) maxBytes / 3 + 1) * 4 + 4) {
        throw new BodyRejectedException(Reason.TOO_LARGE);
      }
      byte[] decoded;
      try {
        decoded = Base64.getMimeDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new BodyRejectedException(Reason.MALFORMED);
      }
      return checkSize(decoded, maxBytes);
    }
    if (body.length() > maxBytes) {
      throw new BodyRejectedException(Reason.TOO_LARGE);
    }
    return checkSize(body.getBytes(StandardCharsets.UTF_8), maxBytes);
  }

  private static byte[] checkSize(byte[] bytes, int maxBytes) throws BodyRejectedException {
    if (bytes.length > maxBytes) {
      throw new BodyRejectedException(Reason.TOO_LARGE);
    }
    return bytes;
  }
}
