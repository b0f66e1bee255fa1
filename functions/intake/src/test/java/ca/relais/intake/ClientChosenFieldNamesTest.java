package ca.relais.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.http.HttpApiEvent;
import ca.relais.aws.http.HttpApiResponse;
import ca.relais.core.intake.IntakeService;
import ca.relais.core.intake.ReferenceIds;
import ca.relais.core.intake.RetentionPolicy;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.territory.TerritoryResolver;
import ca.relais.core.testing.InMemorySubmissionStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A field name chosen by the client (an address, a name, text with quotes or line breaks) is named
 * by its position in the 400 answer, never verbatim, and never appears in a log line.
 */
class ClientChosenFieldNamesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final IntakeHandler handler =
      new IntakeHandler(
          new IntakeService(
              new SubmissionValidator(
                  new TerritoryResolver(TerritoryDirectory.loadDefault()), Clock.systemUTC()),
              store,
              ReferenceIds.secure(),
              RetentionPolicy.defaults(),
              Clock.systemUTC()),
          IntakeHandler.DEFAULT_MAX_BODY_BYTES);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jean.tremblay@example.org",
        "Jean Tremblay 418-555-0199",
        "note\"}{\"level\":\"ERROR",
        "ligne\nsuivante@exemple.qc.ca",
        "Gisèle Côté, 12 rue des Érables"
      })
  void anUnknownFieldIsNamedByPositionInTheAnswerAndNeverLogged(String name) throws Exception {
    for (String language : List.of("fr", "en")) {
      ByteArrayOutputStream logs = new ByteArrayOutputStream();
      PrintStream original = System.err;
      HttpApiResponse response;
      System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
      try {
        response = handler.handleRequest(urlencodedSignUpWith(name, language), null);
      } finally {
        System.setErr(original);
      }
      String logged = logs.toString(StandardCharsets.UTF_8);
      assertEquals(400, response.getStatusCode(), response.getBody());
      JsonNode error = JSON.readTree(response.getBody()).get("errors").get(0);
      // the sample names seven fields (roles twice), then comes the unknown one
      assertEquals("#8", error.get("field").asText(), response.getBody());
      assertTrue(error.get("message").asText().contains("8"), "the message names the position");
      assertFalse(
          JSON.readTree(response.getBody()).toString().contains(fragment(name)),
          response.getBody());
      assertFalse(response.getBody().contains(fragment(name)), response.getBody());
      assertTrue(logged.contains("intake.rejected"), "the rejection is logged: " + logged);
      assertFalse(logged.contains(fragment(name)), logged);
      assertTrue(store.submissions.isEmpty(), "nothing stored");
    }
  }

  /** A part of the name long enough to be recognised, free of characters JSON escapes. */
  private static String fragment(String name) {
    return name.substring(0, Math.min(name.length(), 5));
  }

  private static HttpApiEvent urlencodedSignUpWith(String extraName, String language) {
    HttpApiEvent event = SampleEvents.load("intake-post-signup-urlencoded.json");
    String body =
        new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
            + "&"
            + URLEncoder.encode(extraName, StandardCharsets.UTF_8)
            + "=oui";
    event.setBody(Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
    HashMap<String, String> headers = new HashMap<>(event.getHeaders());
    headers.put("accept", "application/json");
    headers.put("accept-language", language);
    event.setHeaders(headers);
    return event;
  }
}
