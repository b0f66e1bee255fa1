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
 * Reads and clears what the SES emulator captured: {@code GET /store} and {@code POST /clear-store}
 * of aws-ses-v2-local. The store JSON is
 *
 * <pre>{@code
 * {"templates": {...}, "emails": [{"messageId": "ses-123456789", "from": "Relais <a@b>",
 *   "replyTo": [...], "destination": {"to": [...], "cc": [...], "bcc": [...]},
 *   "subject": "...", "body": {"html": "...", "text": "..."},
 *   "attachments": [{"content": "<base64>", "contentType": "...", "filename": "...", "size": 5}],
 *   "headers": [{"name": "...", "value": "..."}], "at": 1795420597}]}
 * }</pre>
 *
 * with {@code at} in epoch seconds, emails in the order they were sent.
 */
public final class SesInbox {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /**
   * @param endpoint the emulator's base URI, e.g. {@link SesEmulator#endpoint()}
   */
  public SesInbox(URI endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * One captured email, as the emulator stored it. Absent lists are empty; an absent HTML or text
   * body is the empty string.
   *
   * @param messageId the MessageId SES answered, e.g. {@code ses-123456789}
   * @param from the From address as sent, display name included
   * @param to To addresses
   * @param cc Cc addresses
   * @param bcc Bcc addresses
   * @param replyTo Reply-To addresses
   * @param subject the subject
   * @param html the HTML body, or ""
   * @param text the text body, or ""
   * @param headers extra headers sent with the message (SES v2 {@code Headers})
   * @param attachments attachments
   * @param at when the emulator received it (second precision)
   */
  public record CapturedEmail(
      String messageId,
      String from,
      List<String> to,
      List<String> cc,
      List<String> bcc,
      List<String> replyTo,
      String subject,
      String html,
      String text,
      List<Header> headers,
      List<Attachment> attachments,
      Instant at) {

    /** Copies the lists. */
    public CapturedEmail {
      to = List.copyOf(to);
      cc = List.copyOf(cc);
      bcc = List.copyOf(bcc);
      replyTo = List.copyOf(replyTo);
      headers = List.copyOf(headers);
      attachments = List.copyOf(attachments);
    }
  }

  /**
   * A message header.
   *
   * @param name its name
   * @param value its value
   */
  public record Header(String name, String value) {}

  /**
   * An attachment.
   *
   * @param filename its file name, or "" if none
   * @param contentType its MIME type
   * @param size its size in bytes
   * @param base64Content its content, base64-encoded
   */
  public record Attachment(String filename, String contentType, long size, String base64Content) {}

  /** Every email captured since the emulator started or was last cleared, oldest first. */
  public List<CapturedEmail> emails() {
    return parse(get(endpoint.resolve("/store")));
  }

  /** The emails captured at or after a time (the emulator compares whole seconds). */
  public List<CapturedEmail> emailsSince(Instant since) {
    return parse(get(endpoint.resolve("/store?since=" + since.getEpochSecond())));
  }

  /** Forgets every captured email (and template). */
  public void clear() {
    send(
        HttpRequest.newBuilder(endpoint.resolve("/clear-store"))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private String get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  static List<CapturedEmail> parse(String storeJson) {
    JsonNode store;
    try {
      store = JSON.readTree(storeJson);
    } catch (IOException e) {
      throw new UncheckedIOException("The SES emulator's store is not JSON", e);
    }
    List<CapturedEmail> emails = new ArrayList<>();
    for (JsonNode email : store.path("emails")) {
      JsonNode destination = email.path("destination");
      List<Header> headers = new ArrayList<>();
      for (JsonNode header : email.path("headers")) {
        headers.add(new Header(header.path("name").asText(), header.path("value").asText()));
      }
      List<Attachment> attachments = new ArrayList<>();
      for (JsonNode attachment : email.path("attachments")) {
        attachments.add(
            new Attachment(
                attachment.path("filename").asText(""),
                attachment.path("contentType").asText(""),
                attachment.path("size").asLong(),
                attachment.path("content").asText("")));
      }
      emails.add(
          new CapturedEmail(
              email.path("messageId").asText(),
              email.path("from").asText(),
              strings(destination.path("to")),
              strings(destination.path("cc")),
              strings(destination.path("bcc")),
              strings(email.path("replyTo")),
              email.path("subject").asText(),
              email.path("body").path("html").asText(""),
              email.path("body").path("text").asText(""),
              headers,
              attachments,
              Instant.ofEpochSecond(email.path("at").asLong())));
    }
    return emails;
  }

  private String send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(TIMEOUT).build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "SES emulator answered "
                + response.statusCode()
                + " to "
                + built.method()
                + " "
                + built.uri()
                + ": "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "SES emulator at " + endpoint + " did not answer " + built.method() + " " + built.uri(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading the SES emulator's store", e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
