package ca.relais.aws.http;

import ca.relais.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An API Gateway HTTP API answer (payload format 2.0), written as the JSON Lambda returns to API
 * Gateway: {@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded}. The getters
 * and builder of {@code APIGatewayV2HTTPResponse}, without {@code aws-lambda-java-events}.
 */
public final class HttpApiResponse {

  private int statusCode;
  private Map<String, String> headers;
  private String body;
  private boolean isBase64Encoded;

  public static Builder builder() {
    return new Builder();
  }

  public int getStatusCode() {
    return statusCode;
  }

  /** The headers (a mutable map when the builder was given one), or {@code null}. */
  public Map<String, String> getHeaders() {
    return headers;
  }

  public void setHeaders(Map<String, String> headers) {
    this.headers = headers;
  }

  public String getBody() {
    return body;
  }

  public void setBody(String body) {
    this.body = body;
  }

  public boolean getIsBase64Encoded() {
    return isBase64Encoded;
  }

  /** Writes the answer's JSON in UTF-8 (fields without a value left out), as Lambda returns it. */
  public void write(OutputStream out) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("statusCode", statusCode);
    if (headers != null) {
      json.put("headers", headers);
    }
    if (body != null) {
      json.put("body", body);
    }
    json.put("isBase64Encoded", isBase64Encoded);
    Json.write(json, out);
  }

  /** Builds an {@link HttpApiResponse}. */
  public static final class Builder {
    private final HttpApiResponse response = new HttpApiResponse();

    public Builder withStatusCode(int statusCode) {
      response.statusCode = statusCode;
      return this;
    }

    public Builder withHeaders(Map<String, String> headers) {
      response.headers = headers;
      return this;
    }

    public Builder withBody(String body) {
      response.body = body;
      return this;
    }

    public Builder withIsBase64Encoded(boolean isBase64Encoded) {
      response.isBase64Encoded = isBase64Encoded;
      return this;
    }

    public HttpApiResponse build() {
      return response;
    }
  }
}
