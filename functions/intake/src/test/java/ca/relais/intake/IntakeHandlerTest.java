package ca.relais.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.http.HttpApiEvent;
import ca.relais.aws.http.HttpApiResponse;
import ca.relais.core.intake.IntakeService;
import ca.relais.core.intake.ReferenceIds;
import ca.relais.core.intake.RetentionPolicy;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.model.Observation;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.port.SubmissionStore;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.territory.TerritoryResolver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The handler on the sample events of {@code events/}, with an in-memory store. */
class IntakeHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TerritoryResolver TERRITORIES =
      new TerritoryResolver(TerritoryDirectory.loadDefault());

  private final RecordingStore store = new RecordingStore();
  private final IntakeHandler handler =
      new IntakeHandler(
          new IntakeService(
              new SubmissionValidator(
                  TERRITORIES, Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC)),
              store,
              ReferenceIds.secure(),
              RetentionPolicy.defaults(),
              Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC)),
          IntakeHandler.DEFAULT_MAX_BODY_BYTES);

  private HttpApiResponse handle(HttpApiEvent event) {
    return handler.handleRequest(event, null);
  }

  private static JsonNode body(HttpApiResponse response) throws Exception {
    return JSON.readTree(response.getBody());
  }

  @Test
  void jsonSignUpSampleIsStoredWithAccentsAndMrc_answering201() throws Exception {
    HttpApiResponse response = handle(SampleEvents.load("intake-post-signup-json.json"));
    assertEquals(201, response.getStatusCode(), response.getBody());
    assertEquals("received", body(response).get("status").asText());
    SignUp signUp = (SignUp) store.saved.get(0).content();
    assertEquals("Marie-Ève", signUp.firstName());
    assertEquals("Côté", signUp.lastName());
    assertEquals("170", signUp.territory().mrcCode());
    assertEquals(body(response).get("id").asText(), store.saved.get(0).id());
  }

  @Test
  void urlEncodedBrowserPostIsRedirectedToTheThankYouPage() {
    HttpApiResponse response = handle(SampleEvents.load("intake-post-signup-urlencoded.json"));
    assertEquals(303, response.getStatusCode());
    String location = response.getHeaders().get("Location");
    assertTrue(location.startsWith("/merci?id=S-"), location);
    assertEquals(1, store.saved.size());
  }

  @Test
  void everySampleEventOfIntakeIsAccepted() {
    for (String name :
        List.of(
            "intake-post-signup-json.json",
            "intake-post-signup-urlencoded.json",
            "intake-post-signup-multipart.json",
            "intake-post-observation-json.json",
            "intake-post-observation-urlencoded.json",
            "intake-post-observation-multipart.json")) {
      int status = handle(SampleEvents.load(name)).getStatusCode();
      assertTrue(status == 201 || status == 303, name + " answered " + status);
    }
    assertEquals(6, store.saved.size());
    assertTrue(
        store.saved.stream().anyMatch(s -> s.content() instanceof Observation o && o.distress()));
  }

  @Test
  void thankYouPageShowsReferenceAndCrisisLines() {
    HttpApiResponse response = handle(SampleEvents.load("intake-get-thank-you.json"));
    assertEquals(200, response.getStatusCode());
    assertTrue(response.getBody().contains("O-20261123-7K3M9Q2X"));
    assertTrue(response.getBody().contains("911") && response.getBody().contains("811"));
  }

  @Test
  void thankYouPageLeadsBackToTheHomePageInItsLanguage() {
    HttpApiEvent event = SampleEvents.load("intake-get-thank-you.json");
    event.setQueryStringParameters(Map.of("id", "O-20261123-7K3M9Q2X", "lang", "en"));
    assertTrue(handle(event).getBody().contains("<a href=\"/?lang=en\">Back to the home page</a>"));
  }

  @Test
  void thankYouPageNeverEchoesAnIdThatIsNotAReference() {
    HttpApiEvent event = SampleEvents.load("intake-get-thank-you.json");
    event.setQueryStringParameters(Map.of("id", "<script>alert(1)</script>"));
    String page = handle(event).getBody();
    assertTrue(!page.contains("<script>alert"), page);
  }

  @Test
  void unknownMrc_isA400NamingTheField_inFrench() throws Exception {
    HttpApiResponse response =
        handle(
            json(
                "/observations",
                "{\"mrc\":\"999\",\"category\":\"need\",\"description\":\"x\",\"reporterEmail\":\"a@example.org\"}",
                Map.of()));
    assertEquals(400, response.getStatusCode());
    JsonNode error = body(response).get("errors").get(0);
    assertEquals("mrc", error.get("field").asText());
    assertTrue(error.get("message").asText().startsWith("Cette MRC est introuvable"));
    assertTrue(store.saved.isEmpty());
  }

  @Test
  void errorsAreInEnglishWithAcceptLanguageEn() throws Exception {
    HttpApiResponse response =
        handle(json("/signups", "{}", Map.of("accept-language", "en-CA,en;q=0.8")));
    assertEquals(400, response.getStatusCode());
    assertEquals("en", response.getHeaders().get("Content-Language"));
    assertTrue(response.getBody().contains("This field is required."));
  }

  @Test
  void otherContentTypeIs415_andMissingContentTypeToo() throws Exception {
    HttpApiEvent plain = json("/signups", "hello", Map.of());
    plain.getHeaders().put("content-type", "text/plain");
    assertEquals(415, handle(plain).getStatusCode());
    HttpApiEvent none = json("/signups", "{}", Map.of());
    none.getHeaders().remove("content-type");
    HttpApiResponse response = handle(none);
    assertEquals(415, response.getStatusCode());
    assertEquals("Content-Type", body(response).get("errors").get(0).get("field").asText());
  }

  @Test
  void bodyOverTheLimitIs413_plainOrBase64() {
    String big = "{\"description\":\"" + "x".repeat(40_000) + "\"}";
    assertEquals(413, handle(json("/observations", big, Map.of())).getStatusCode());
    HttpApiEvent encoded =
        json(
            "/observations",
            Base64.getEncoder().encodeToString(big.getBytes(StandardCharsets.UTF_8)),
            Map.of());
    encoded.setIsBase64Encoded(true);
    assertEquals(413, handle(encoded).getStatusCode());
    assertTrue(store.saved.isEmpty());
  }

  @Test
  void brokenBase64AndBrokenJsonAre400() {
    HttpApiEvent encoded = json("/signups", "%%%not-base64%%%", Map.of());
    encoded.setIsBase64Encoded(true);
    assertEquals(400, handle(encoded).getStatusCode());
    assertEquals(400, handle(json("/signups", "{\"firstName\":", Map.of())).getStatusCode());
  }

  @Test
  void aNumberBeyondWhatJavaHolds_isA400NamingTheBody_neverA500() throws Exception {
    for (String number : List.of("1e2147483648", "1e-2147483648", "1e999999999999")) {
      for (String path : List.of("/observations", "/signups")) {
        HttpApiResponse response =
            handle(json(path, "{\"mrc\": \"100\", \"distress\": " + number + "}", Map.of()));
        assertEquals(400, response.getStatusCode(), number + " " + response.getBody());
        assertEquals("body", body(response).get("errors").get(0).get("field").asText());
      }
    }
    assertTrue(store.saved.isEmpty());
  }

  @Test
  void aJsonBodyWithNothingInIt_isA400SayingWhatAFormIs_asBefore() throws Exception {
    // no body at all (API Gateway sends none), an empty or blank one, plain or base64: the answer
    // jackson-databind gave (a missing node is not an object of fields), never "unreadable"
    List<HttpApiEvent> empties = new ArrayList<>();
    HttpApiEvent none = json("/signups", "{}", Map.of("accept-language", "en"));
    none.setBody(null);
    empties.add(none);
    for (String blank : List.of("", "  ", "\r\n")) {
      empties.add(json("/signups", blank, Map.of("accept-language", "en")));
      HttpApiEvent encoded =
          json(
              "/observations",
              Base64.getEncoder().encodeToString(blank.getBytes(StandardCharsets.UTF_8)),
              Map.of("accept-language", "en"));
      encoded.setIsBase64Encoded(true);
      empties.add(encoded);
    }
    for (HttpApiEvent empty : empties) {
      HttpApiResponse response = handle(empty);
      assertEquals(400, response.getStatusCode(), response.getBody());
      assertEquals(
          "The body must be an object of plain fields (text, number, yes/no or a list).",
          body(response).get("errors").get(0).get("message").asText());
    }
    assertTrue(store.saved.isEmpty());
  }

  @Test
  void storeOutageIs503WithoutDetails_andNeverAStackTrace() throws Exception {
    store.failing = true;
    HttpApiResponse response = handle(SampleEvents.load("intake-post-signup-json.json"));
    assertEquals(503, response.getStatusCode());
    assertEquals("30", response.getHeaders().get("Retry-After"));
    assertTrue(!response.getBody().contains("Exception"), response.getBody());
  }

  @Test
  void unknownRouteIs404() {
    HttpApiEvent event = json("/nowhere", "{}", Map.of());
    event.setRouteKey("POST /nowhere");
    assertEquals(404, handle(event).getStatusCode());
  }

  private static HttpApiEvent json(String path, String body, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(Map.of("content-type", "application/json"));
    all.putAll(headers);
    return HttpApiEvent.builder()
        .withRouteKey("POST " + path)
        .withRawPath(path)
        .withHeaders(all)
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }

  /** Records saves; can simulate an outage. */
  private static final class RecordingStore implements SubmissionStore {
    final List<Submission> saved = new ArrayList<>();
    boolean failing;

    @Override
    public SaveResult save(Submission submission, Instant retainUntil, DuplicateGuard guard) {
      if (failing) {
        throw new IllegalStateException("DynamoDB is down");
      }
      saved.add(submission);
      return new SaveResult.Saved(submission.id());
    }

    @Override
    public Optional<Submission> find(String id) {
      return saved.stream().filter(s -> s.id().equals(id)).findFirst();
    }
  }
}
