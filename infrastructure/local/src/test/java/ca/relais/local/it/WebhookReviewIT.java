package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.LocalStack;
import ca.relais.local.RepositoryRoot;
import ca.relais.local.emulator.SesInbox.CapturedEmail;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Webhook deliveries that cannot be fully read, through the whole local pipeline (gateway, intake,
 * DynamoDB Local, stream, dispatch, ElasticMQ, notify, aws-ses-v2-local): none is lost to a 4xx,
 * the relay team gets an alert saying what could not be read, corrections are linked, partial
 * events store nothing.
 */
class WebhookReviewIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalStack stack;
  private static Api api;
  private static StoredItems table;

  @BeforeAll
  static void start() {
    stack = SharedLocalStack.get();
    api = new Api(stack.gatewayEndpoint());
    table = new StoredItems(stack);
  }

  private static Set<String> recipients(List<CapturedEmail> emails) {
    return emails.stream().flatMap(e -> e.to().stream()).collect(Collectors.toSet());
  }

  @Test
  void anUnknownTerritory_isKeptForReview_andTheProgramInboxReadsTheAnswersEscaped()
      throws Exception {
    HttpResponse<String> response =
        api.postForm(
            "/forms/html-partenaire",
            List.of(
                Map.entry("municipalite", "Atlantide-sur-Mer"),
                Map.entry("type", "besoin"),
                Map.entry("description", "<script>alert(1)</script> Voisin isolé & sans bois"),
                Map.entry("courriel", "voisine@example.org")),
            "Accept",
            "application/json");
    assertEquals(201, response.statusCode(), response.body());
    JsonNode answer = Api.json(response);
    assertEquals("to_review", answer.get("status").asText());
    String id = answer.get("id").asText();
    assertTrue(id.startsWith("R-"), id);
    Map<String, AttributeValue> item = table.submission(id);
    assertEquals("REVIEW", item.get("submissionType").s());
    assertEquals("000", item.get("mrcCode").s());
    List<CapturedEmail> emails = NotifyIT.awaitEmails(id, 1);
    assertEquals(Set.of("programme@test.example.org"), recipients(emails));
    CapturedEmail alert = emails.get(0);
    assertFalse(alert.subject().contains("voisine@"), "no personal information in the subject");
    assertTrue(alert.html().contains("municipality"), "says what could not be read");
    assertTrue(alert.html().contains("Atlantide-sur-Mer"), "shows the answers as received");
    assertTrue(alert.html().contains("&lt;script&gt;"), "escaped");
    assertFalse(alert.html().contains("<script>"));
    assertTrue(alert.text().contains("voisine@example.org"));
  }

  @Test
  void aValueThatDoesNotValidate_inAKnownMrc_alertsThatMrcsAgents_andIsRedeliveredOnce()
      throws Exception {
    List<Map.Entry<String, String>> fields =
        List.of(
            Map.entry("municipalite", "Rimouski"),
            Map.entry("type", "autre-chose"),
            Map.entry("description", "Un kiosque de soupe ouvre au marché"),
            Map.entry("courriel", "kiosque@example.org"),
            Map.entry("detresse", "oui"));
    HttpResponse<String> response = api.postForm("/forms/html-partenaire", fields);
    assertEquals(201, response.statusCode(), response.body());
    String id = Api.json(response).get("id").asText();
    List<CapturedEmail> emails = NotifyIT.awaitEmails(id, 2);
    assertEquals(
        Set.of("agente.100@test.example.org", "backup.100@test.example.org"), recipients(emails));
    assertTrue(
        emails.stream().allMatch(e -> e.subject().contains("URGENT")),
        "a distress answer read as yes makes the review urgent");
    int before = table.count();
    HttpResponse<String> again = api.postForm("/forms/html-partenaire", fields);
    assertEquals(201, again.statusCode());
    assertEquals(id, Api.json(again).get("id").asText());
    assertEquals(before, table.count(), "the same delivery stores nothing new");
  }

  @Test
  void anEditedGoogleFormsResponse_isACorrection_linkedToTheFirst_andAlertedAsSuch()
      throws Exception {
    String body =
        "{\"responseId\":\"ACYD-correction-IT\",\"answers\":{\"Municipalité\":\"Rimouski\","
            + "\"Type de signalement\":\"Préoccupation\",\"Décrivez la situation\":\"Un voisin"
            + " ne sort plus depuis deux semaines\",\"Avez-vous observé des signes de détresse"
            + " psychologique?\":\"%s\",\"Adresse courriel\":\"j.commanda@example.org\"}}";
    HttpResponse<String> first = postGoogleForm(body.formatted("Non"));
    assertEquals(201, first.statusCode(), first.body());
    String firstId = Api.json(first).get("id").asText();
    NotifyIT.awaitEmails(firstId, 2);
    HttpResponse<String> edit = postGoogleForm(body.formatted("Oui"));
    assertEquals(201, edit.statusCode(), edit.body());
    JsonNode answer = Api.json(edit);
    assertEquals("correction", answer.get("status").asText());
    String correctionId = answer.get("id").asText();
    assertEquals(firstId, table.submission(correctionId).get("correctionOf").s());
    assertEquals(firstId, table.submission(firstId).get("id").s(), "the first record stays");
    List<CapturedEmail> emails = NotifyIT.awaitEmails(correctionId, 2);
    CapturedEmail french =
        emails.stream()
            .filter(e -> e.to().contains("agente.100@test.example.org"))
            .findFirst()
            .orElseThrow();
    assertTrue(french.subject().contains("URGENT"), french.subject());
    assertTrue(french.text().contains("Correction de " + firstId), french.text());
    HttpResponse<String> editAgain = postGoogleForm(body.formatted("Oui"));
    assertEquals(correctionId, Api.json(editAgain).get("id").asText());
  }

  @Test
  void aTypeformPartialResponse_is200_andStoresNothing_aLongFormIsStored() throws Exception {
    int before = table.count();
    HttpResponse<String> partial = sample("intake-post-form-typeform-partial.json");
    assertEquals(200, partial.statusCode(), partial.body());
    assertEquals(before, table.count());
    HttpResponse<String> longForm = sample("intake-post-form-typeform-field-ids.json");
    assertEquals(201, longForm.statusCode(), longForm.body());
    Map<String, AttributeValue> item = table.submission(Api.json(longForm).get("id").asText());
    assertEquals("110", item.get("mrcCode").s());
    assertTrue(item.get("distress").bool());
  }

  @Test
  void aSignUpWithoutConsent_tellsTheTeamOfTheTry_withoutThePersonsDetails() throws Exception {
    JsonNode event = event("intake-post-form-jotform.json");
    String body =
        new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8);
    String ticked = "\"q8_consentement\": [\"J’accepte que l’équipe-relais me joigne\"]";
    assertTrue(body.contains(ticked));
    body = body.replace(ticked, "\"q8_consentement\": []").replace("6061234567890123456", "606999");
    HttpResponse<String> response =
        api.post(
            "/forms/jotform-municipalite?" + event.path("rawQueryString").asText(),
            event.path("headers").path("content-type").asText(),
            body.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, response.statusCode(), response.body());
    String id = Api.json(response).get("id").asText();
    Map<String, AttributeValue> item = table.submission(id);
    assertFalse(item.containsKey("email"));
    assertFalse(item.toString().contains("sophie"), "nothing of the person is stored");
    List<CapturedEmail> emails = NotifyIT.awaitEmails(id, 1);
    assertEquals(Set.of("equipe.01@test.example.org"), recipients(emails));
    assertFalse(emails.get(0).text().toLowerCase().contains("sophie"));
    assertTrue(emails.get(0).text().contains("jotform-municipalite"));
  }

  @Test
  void aDeliveryTooLargeForOneRecord_isKeptForReview_itsAnswersCut_neverA503TheToolRetriesForever()
      throws Exception {
    // just under the 1 MiB webhook limit: 80 answers of three 4,000-character values (960,000
    // characters), more than a DynamoDB item holds (400 KB)
    List<Map.Entry<String, String>> fields = new java.util.ArrayList<>();
    fields.add(Map.entry("municipalite", "Atlantide-sur-Mer"));
    fields.add(Map.entry("description", "Beaucoup de réponses longues"));
    for (int question = 0; question < 80; question++) {
      for (int value = 0; value < 3; value++) {
        fields.add(Map.entry("q" + question, String.valueOf((char) ('a' + value)).repeat(4000)));
      }
    }
    HttpResponse<String> response =
        api.postForm("/forms/html-partenaire", fields, "Accept", "application/json");
    assertEquals(201, response.statusCode(), response.body());
    JsonNode answer = Api.json(response);
    assertEquals("to_review", answer.get("status").asText());
    String id = answer.get("id").asText();
    Map<String, AttributeValue> item = table.submission(id);
    assertEquals("REVIEW", item.get("submissionType").s());
    String stored = item.toString();
    assertTrue(stored.contains("forms.answers_cut"), "the cut is said");
    assertTrue(stored.length() < 400_000, "one record: " + stored.length());
  }

  @Test
  void aDeliveryOverTheWebhookBodyLimit_isKeptForReview_throughTheGateway_neverA413()
      throws Exception {
    HttpResponse<String> response = postToPartnerForm("x".repeat(2 * 1024 * 1024));
    assertEquals(201, response.statusCode(), response.body());
    JsonNode answer = Api.json(response);
    assertEquals("to_review", answer.get("status").asText());
    Map<String, AttributeValue> item = table.submission(answer.get("id").asText());
    assertTrue(item.toString().contains("forms.body_too_large"), "the size is said");
    assertTrue(item.toString().contains("municipalite=Rimouski"), "its beginning, as received");
  }

  @Test
  void aDeliveryOverLambdasSixMegabyteInvocationLimit_neverReachesTheFunction_asInAws()
      throws Exception {
    // Lambda refuses an event of 6,291,556 bytes or more: the function never runs and API Gateway
    // answers 500; nothing can be kept. Just under the limit, the delivery is kept for review.
    int before = table.count();
    HttpResponse<String> over = postToPartnerForm("x".repeat(6 * 1024 * 1024));
    assertEquals(500, over.statusCode(), over.body());
    assertEquals("{\"message\":\"Internal Server Error\"}", over.body());
    assertEquals(before, table.count(), "nothing stored");

    HttpResponse<String> under = postToPartnerForm("x".repeat(4 * 1024 * 1024));
    assertEquals(201, under.statusCode(), under.body());
    assertEquals("to_review", Api.json(under).get("status").asText());
  }

  /** A delivery to the partner HTML form (no secret) for Rimouski, with the given description. */
  private static HttpResponse<String> postToPartnerForm(String description) throws Exception {
    return api.postForm(
        "/forms/html-partenaire",
        List.of(Map.entry("municipalite", "Rimouski"), Map.entry("description", description)),
        "Accept",
        "application/json");
  }

  private static JsonNode event(String sample) throws Exception {
    return JSON.readTree(RepositoryRoot.path().resolve("events").resolve(sample).toFile());
  }

  /** A sample event posted as its provider sends it (same headers and body bytes). */
  private static HttpResponse<String> sample(String name) throws Exception {
    JsonNode event = event(name);
    String body = event.path("body").asText();
    byte[] bytes =
        event.path("isBase64Encoded").asBoolean()
            ? Base64.getDecoder().decode(body)
            : body.getBytes(StandardCharsets.UTF_8);
    List<String> headers = new java.util.ArrayList<>();
    event
        .path("headers")
        .properties()
        .forEach(
            h -> {
              if (h.getKey().endsWith("-signature") || h.getKey().startsWith("x-relais")) {
                headers.add(h.getKey());
                headers.add(h.getValue().asText());
              }
            });
    return api.post(
        event.path("rawPath").asText(),
        event.path("headers").path("content-type").asText(),
        bytes,
        headers.toArray(String[]::new));
  }

  /** A delivery of the Google Forms sample form, signed as its Apps Script signs. */
  private static HttpResponse<String> postGoogleForm(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            "test-apps-script-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return api.post(
        "/forms/google-forms-outaouais",
        "application/json",
        bytes,
        "X-Relais-Signature",
        Base64.getEncoder().encodeToString(mac.doFinal(bytes)));
  }
}
