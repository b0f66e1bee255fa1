package ca.relais.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and clears what the SES emulator captured ({@code GET /store}, {@code POST /clear-store}).
 */
public final class SesInbox {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public SesInbox(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** One captured email, as the emulator stored it. */
  public record CapturedEmail(
      String messageId,
      String from,
      List<String> to,
      List<String> cc,
      List<String> replyTo,
      String subject,
      String html,
      String text,
      Instant at) {}

  public List<CapturedEmail> emails() {
    JsonNode store;
    try {
      store = JSON.readTree(send(HttpRequest.newBuilder(endpoint.resolve("/store")).GET()));
    } catch (IOException e) {
      throw new UncheckedIOException("The SES emulator's store is not JSON", e);
    }
    List<CapturedEmail> emails = new ArrayList<>();
    for (JsonNode email : store.path("emails")) {
      emails.add(
          new CapturedEmail(
              email.path("messageId").asText(),
              email.path("from").asText(),
              strings(email.path("destination").path("to")),
              strings(email.path("destination").path("cc")),
              strings(email.path("replyTo")),
              email.path("subject").asText(),
              email.path("body").path("html").asText(""),
              email.path("body").path("text").asText(""),
              Instant.ofEpochSecond(email.path("at").asLong())));
    }
    return emails;
  }

  public void clear() {
    send(
        HttpRequest.newBuilder(endpoint.resolve("/clear-store"))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private String send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("SES emulator answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
