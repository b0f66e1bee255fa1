package ca.relais.aws.http;

import ca.relais.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API Gateway HTTP API request (payload format 2.0) as a function reads it from Lambda's raw
 * event bytes, without the runtime's event serializers or {@code aws-lambda-java-events}: the
 * fields Relais reads, with the getters and builder of {@code APIGatewayV2HTTPEvent}. Maps are
 * {@code null} when the event has none (as in Lambda's own class); headers keep API Gateway's
 * lowercase names.
 */
public final class HttpApiEvent {

  private String version;
  private String routeKey;
  private String rawPath;
  private String rawQueryString;
  private List<String> cookies;
  private Map<String, String> headers;
  private Map<String, String> queryStringParameters;
  private Map<String, String> pathParameters;
  private String body;
  private boolean isBase64Encoded;
  private RequestContext requestContext;

  /** An empty event, to fill with the setters. */
  public HttpApiEvent() {}

  /**
   * Reads an event from Lambda's raw bytes (the JSON API Gateway sends).
   *
   * @throws IOException when the bytes are not a JSON object
   */
  public static HttpApiEvent read(InputStream json) throws IOException {
    Map<String, Object> root =
        Json.object(Json.read(json))
            .orElseThrow(() -> new IOException("An HTTP API event is a JSON object"));
    HttpApiEvent event = new HttpApiEvent();
    event.version = string(root.get("version"));
    event.routeKey = string(root.get("routeKey"));
    event.rawPath = string(root.get("rawPath"));
    event.rawQueryString = string(root.get("rawQueryString"));
    event.cookies =
        Json.array(root.get("cookies"))
            .map(list -> list.stream().map(Json::text).toList())
            .orElse(null);
    event.headers = strings(root.get("headers"));
    event.queryStringParameters = strings(root.get("queryStringParameters"));
    event.pathParameters = strings(root.get("pathParameters"));
    event.body = string(root.get("body"));
    event.isBase64Encoded = Boolean.TRUE.equals(root.get("isBase64Encoded"));
    event.requestContext =
        Json.object(root.get("requestContext")).map(RequestContext::from).orElse(null);
    return event;
  }

  private static String string(Object value) {
    return value == null ? null : Json.text(value);
  }

  private static Map<String, String> strings(Object value) {
    return Json.object(value)
        .map(
            members -> {
              Map<String, String> out = new LinkedHashMap<>();
              members.forEach((name, v) -> out.put(name, string(v)));
              return out;
            })
        .orElse(null);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String getVersion() {
    return version;
  }

  public String getRouteKey() {
    return routeKey;
  }

  public void setRouteKey(String routeKey) {
    this.routeKey = routeKey;
  }

  public String getRawPath() {
    return rawPath;
  }

  public void setRawPath(String rawPath) {
    this.rawPath = rawPath;
  }

  public String getRawQueryString() {
    return rawQueryString;
  }

  public List<String> getCookies() {
    return cookies;
  }

  public Map<String, String> getHeaders() {
    return headers;
  }

  public void setHeaders(Map<String, String> headers) {
    this.headers = headers;
  }

  public Map<String, String> getQueryStringParameters() {
    return queryStringParameters;
  }

  public void setQueryStringParameters(Map<String, String> queryStringParameters) {
    this.queryStringParameters = queryStringParameters;
  }

  public Map<String, String> getPathParameters() {
    return pathParameters;
  }

  public void setPathParameters(Map<String, String> pathParameters) {
    this.pathParameters = pathParameters;
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

  public void setIsBase64Encoded(boolean isBase64Encoded) {
    this.isBase64Encoded = isBase64Encoded;
  }

  public RequestContext getRequestContext() {
    return requestContext;
  }

  /**
   * The event as API Gateway writes it (the fields this class holds), for priming and tests: what
   * {@link #read} reads back.
   */
  public Map<String, Object> toJsonValue() {
    Map<String, Object> out = new LinkedHashMap<>();
    putIfSet(out, "version", version);
    putIfSet(out, "routeKey", routeKey);
    putIfSet(out, "rawPath", rawPath);
    putIfSet(out, "rawQueryString", rawQueryString);
    putIfSet(out, "cookies", cookies);
    putIfSet(out, "headers", headers);
    putIfSet(out, "queryStringParameters", queryStringParameters);
    putIfSet(out, "pathParameters", pathParameters);
    if (requestContext != null) {
      out.put("requestContext", requestContext.toJsonValue());
    }
    putIfSet(out, "body", body);
    out.put("isBase64Encoded", isBase64Encoded);
    return out;
  }

  private static void putIfSet(Map<String, Object> out, String name, Object value) {
    if (value != null) {
      out.put(name, value);
    }
  }

  /** {@code requestContext}: the parts Relais reads. */
  public static final class RequestContext {
    private String routeKey;
    private String stage;
    private String requestId;
    private Http http;

    static RequestContext from(Map<String, Object> members) {
      RequestContext context = new RequestContext();
      context.routeKey = string(members.get("routeKey"));
      context.stage = string(members.get("stage"));
      context.requestId = string(members.get("requestId"));
      context.http = Json.object(members.get("http")).map(Http::from).orElse(null);
      return context;
    }

    public static Builder builder() {
      return new Builder();
    }

    public String getRouteKey() {
      return routeKey;
    }

    public String getStage() {
      return stage;
    }

    public String getRequestId() {
      return requestId;
    }

    public Http getHttp() {
      return http;
    }

    Map<String, Object> toJsonValue() {
      Map<String, Object> out = new LinkedHashMap<>();
      putIfSet(out, "routeKey", routeKey);
      putIfSet(out, "stage", stage);
      putIfSet(out, "requestId", requestId);
      if (http != null) {
        out.put("http", http.toJsonValue());
      }
      return out;
    }

    /** {@code requestContext.http}: method, path, protocol, source address. */
    public static final class Http {
      private String method;
      private String path;
      private String protocol;
      private String sourceIp;

      static Http from(Map<String, Object> members) {
        Http http = new Http();
        http.method = string(members.get("method"));
        http.path = string(members.get("path"));
        http.protocol = string(members.get("protocol"));
        http.sourceIp = string(members.get("sourceIp"));
        return http;
      }

      public static Builder builder() {
        return new Builder();
      }

      public String getMethod() {
        return method;
      }

      public String getPath() {
        return path;
      }

      public String getProtocol() {
        return protocol;
      }

      public String getSourceIp() {
        return sourceIp;
      }

      Map<String, Object> toJsonValue() {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "method", method);
        putIfSet(out, "path", path);
        putIfSet(out, "protocol", protocol);
        putIfSet(out, "sourceIp", sourceIp);
        return out;
      }

      /** Builds an {@link Http}. */
      public static final class Builder {
        private final Http http = new Http();

        public Builder withMethod(String method) {
          http.method = method;
          return this;
        }

        public Builder withPath(String path) {
          http.path = path;
          return this;
        }

        public Builder withProtocol(String protocol) {
          http.protocol = protocol;
          return this;
        }

        public Builder withSourceIp(String sourceIp) {
          http.sourceIp = sourceIp;
          return this;
        }

        public Http build() {
          return http;
        }
      }
    }

    /** Builds a {@link RequestContext}. */
    public static final class Builder {
      private final RequestContext context = new RequestContext();

      public Builder withRouteKey(String routeKey) {
        context.routeKey = routeKey;
        return this;
      }

      public Builder withStage(String stage) {
        context.stage = stage;
        return this;
      }

      public Builder withRequestId(String requestId) {
        context.requestId = requestId;
        return this;
      }

      public Builder withHttp(Http http) {
        context.http = http;
        return this;
      }

      public RequestContext build() {
        return context;
      }
    }
  }

  /** Builds an {@link HttpApiEvent}. */
  public static final class Builder {
    private final HttpApiEvent event = new HttpApiEvent();

    public Builder withVersion(String version) {
      event.version = version;
      return this;
    }

    public Builder withRouteKey(String routeKey) {
      event.routeKey = routeKey;
      return this;
    }

    public Builder withRawPath(String rawPath) {
      event.rawPath = rawPath;
      return this;
    }

    public Builder withRawQueryString(String rawQueryString) {
      event.rawQueryString = rawQueryString;
      return this;
    }

    public Builder withCookies(List<String> cookies) {
      event.cookies = cookies;
      return this;
    }

    public Builder withHeaders(Map<String, String> headers) {
      event.headers = headers;
      return this;
    }

    public Builder withQueryStringParameters(Map<String, String> parameters) {
      event.queryStringParameters = parameters;
      return this;
    }

    public Builder withPathParameters(Map<String, String> parameters) {
      event.pathParameters = parameters;
      return this;
    }

    public Builder withRequestContext(RequestContext requestContext) {
      event.requestContext = requestContext;
      return this;
    }

    public Builder withBody(String body) {
      event.body = body;
      return this;
    }

    public Builder withIsBase64Encoded(boolean isBase64Encoded) {
      event.isBase64Encoded = isBase64Encoded;
      return this;
    }

    public HttpApiEvent build() {
      return event;
    }
  }
}
