package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.RepositoryRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Replays every API sample event of {@code events/} as a real HTTP request through the gateway. */
class SampleEventsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyApiSampleEventIsAnsweredWithoutError() throws Exception {
    Api api = new Api(SharedLocalStack.get().gatewayEndpoint());
    List<Path> samples;
    try (Stream<Path> files = Files.list(RepositoryRoot.path().resolve("events"))) {
      samples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    int replayed = 0;
    for (Path sample : samples) {
      JsonNode event = JSON.readTree(sample.toFile());
      if (!"2.0".equals(event.path("version").asText()) || !event.has("routeKey")) {
        continue; // not an API Gateway event
      }
      String method = event.path("requestContext").path("http").path("method").asText();
      String path = event.path("rawPath").asText();
      if (path.equals("/pris-en-charge")) {
        continue; // signed with the sample key for a sample report: AcknowledgeHandlerTest
      }
      String query = event.path("rawQueryString").asText("");
      List<String> headers = new ArrayList<>();
      String contentType = null;
      for (var it = event.path("headers").fields(); it.hasNext(); ) {
        var header = it.next();
        String name = header.getKey();
        if (name.equals("content-type")) {
          contentType = header.getValue().asText();
        } else if (!List.of(
                "host", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-port", "user-agent")
            .contains(name)) {
          headers.add(name);
          headers.add(header.getValue().asText());
        }
      }
      HttpResponse<String> response;
      String target = query.isEmpty() ? path : path + "?" + query;
      if (method.equals("GET")) {
        response = api.get(target, headers.toArray(String[]::new));
      } else {
        String body = event.path("body").asText("");
        byte[] bytes =
            event.path("isBase64Encoded").asBoolean()
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        // A web form's token was signed with the sample secret at the sample's time: post it
        // with a token this stack issued, once the minimum fill time has passed.
        bytes = WebFormsIT.withFreshToken(api, path, bytes);
        response = api.post(target, contentType, bytes, headers.toArray(String[]::new));
      }
      int status = response.statusCode();
      assertTrue(
          status >= 200 && status < 400,
          sample.getFileName() + " answered " + status + ": " + response.body());
      replayed++;
    }
    assertTrue(replayed >= 7, "replayed " + replayed + " sample events");
  }
}
