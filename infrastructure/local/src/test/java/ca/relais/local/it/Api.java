package ca.relais.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A real HTTP client posting to the local gateway, as a browser or a form tool would. */
public final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final URI base;

  public Api(URI base) {
    this.base = base;
  }

  public HttpResponse<String> postJson(String path, String json, String... headers)
      throws IOException, InterruptedException {
    return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** Fields in order; a repeated name is a list. */
  public HttpResponse<String> postForm(
      String path, List<Map.Entry<String, String>> fields, String... headers)
      throws IOException, InterruptedException {
    String body =
        fields.stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return post(
        path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8), headers);
  }

  public HttpResponse<String> postMultipart(
      String path, List<Map.Entry<String, String>> fields, String... headers)
      throws IOException, InterruptedException {
    String boundary = "----RelaisTest" + System.nanoTime();
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> field : fields) {
      body.append("--")
          .append(boundary)
          .append("\r\n")
          .append("Content-Disposition: form-data; name=\"")
          .append(field.getKey())
          .append("\"\r\n\r\n")
          .append(field.getValue())
          .append("\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    return post(
        path,
        "multipart/form-data; boundary=" + boundary,
        body.toString().getBytes(StandardCharsets.UTF_8),
        headers);
  }

  public HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
