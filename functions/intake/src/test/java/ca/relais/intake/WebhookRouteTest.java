package ca.relais.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.http.HttpApiEvent;
import ca.relais.aws.http.HttpApiResponse;
import ca.relais.core.forms.FormConfigs;
import ca.relais.core.forms.FormSecrets;
import ca.relais.core.forms.WebhookAuthenticator;
import ca.relais.core.intake.IntakeService;
import ca.relais.core.intake.ReferenceIds;
import ca.relais.core.intake.RetentionPolicy;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.territory.TerritoryResolver;
import ca.relais.core.testing.InMemorySubmissionStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /forms/{formId}} on the sample events of {@code events/}, with the shipped form
 * configurations and the test secrets of {@code events/env-form-secrets.json}.
 */
class WebhookRouteTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TerritoryResolver TERRITORIES =
      new TerritoryResolver(TerritoryDirectory.loadDefault());
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final IntakeHandler handler =
      new IntakeHandler(
          new IntakeService(
              new SubmissionValidator(TERRITORIES, CLOCK),
              store,
              ReferenceIds.secure(),
              RetentionPolicy.defaults(),
              CLOCK),
          IntakeHandler.DEFAULT_MAX_BODY_BYTES,
          testSecrets());

  /** The secrets the sample events are signed with, as `sam local invoke --env-vars` reads them. */
  static FormSecrets testSecrets() {
    try {
      JsonNode env =
          JSON.readTree(SampleEvents.root().resolve("events/env-form-secrets.json").toFile());
      return FormSecrets.parse(
          Optional.of(env.path("IntakeFunction").path("FORM_SECRETS").asText()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private HttpApiResponse handle(HttpApiEvent event) {
    return handler.handleRequest(event, null);
  }

  private Submission storedFrom(HttpApiResponse response) throws Exception {
    assertEquals(201, response.getStatusCode(), response.getBody());
    JsonNode body = JSON.readTree(response.getBody());
    assertEquals("received", body.get("status").asText());
    return store.find(body.get("id").asText()).orElseThrow();
  }

  @Test
  void typeformSample_isStoredAsAnObservationOfLesBasques_withItsChoiceMapped() throws Exception {
    Observation o =
        (Observation)
            storedFrom(handle(SampleEvents.load("intake-post-form-typeform.json"))).content();
    assertEquals("110", o.territory().mrcCode());
    assertEquals(Optional.of("Trois-Pistoles"), o.territory().municipalityName());
    assertEquals(Category.NEED, o.category());
    assertFalse(o.distress());
    assertEquals(Optional.of(LocalDate.parse("2026-11-20")), o.observedOn());
    assertEquals("nadia.pelletier@example.org", o.reporterEmail());
    assertEquals(Optional.of("Nadia Pelletier"), o.reporterName());
    assertTrue(o.description().startsWith("Des familles du rang 3"));
  }

  @Test
  void tallySample_mapsOptionIdsToTheirText_andFlagsDistress() throws Exception {
    Observation o =
        (Observation)
            storedFrom(handle(SampleEvents.load("intake-post-form-tally.json"))).content();
    assertEquals("610", o.territory().mrcCode());
    assertEquals(Category.CONCERN, o.category());
    assertTrue(o.distress());
    assertEquals(Language.FR, o.language());
    assertEquals(Optional.of("Mathieu Beaulieu"), o.reporterName());
  }

  @Test
  void jotformSample_readsRawRequest_namePartsPhoneAndCheckboxes() throws Exception {
    SignUp s =
        (SignUp) storedFrom(handle(SampleEvents.load("intake-post-form-jotform.json"))).content();
    assertEquals("Sophie", s.firstName());
    assertEquals("Lavoie", s.lastName());
    assertEquals(Optional.of("+14186295512"), s.phone());
    assertEquals("070", s.territory().mrcCode());
    assertEquals(Set.of(Role.WATCH, Role.SUPPORT), s.roles());
    assertEquals(Optional.of("Soirs de semaine"), s.availability());
  }

  @Test
  void googleFormsSample_isStoredWithTheMrcOfItsMunicipality() throws Exception {
    Observation o =
        (Observation)
            storedFrom(handle(SampleEvents.load("intake-post-form-google-forms.json"))).content();
    assertEquals("830", o.territory().mrcCode());
    assertEquals(Category.GOOD_NEWS, o.category());
    assertEquals("j.commanda@example.org", o.reporterEmail());
  }

  @Test
  void koboSample_splitsSelectMultiple_andMapsChoiceNames() throws Exception {
    SignUp s =
        (SignUp)
            storedFrom(handle(SampleEvents.load("intake-post-form-kobotoolbox.json"))).content();
    assertEquals("620", s.territory().mrcCode());
    assertEquals(Optional.of("Rawdon"), s.territory().municipalityName());
    assertEquals(Set.of(Role.WATCH, Role.SUPPORT), s.roles());
    assertEquals(Language.FR, s.language());
  }

  @Test
  void powerAutomateSample_usesTheDefaultMrc_andReadsAJsonListAnswer() throws Exception {
    Observation o =
        (Observation)
            storedFrom(handle(SampleEvents.load("intake-post-form-power-automate.json"))).content();
    assertEquals("080", o.territory().mrcCode());
    assertEquals(Category.CONCERN, o.category());
    assertTrue(o.distress());
  }

  @Test
  void genericJsonSample_readsJsonPointers() throws Exception {
    Observation o =
        (Observation) storedFrom(handle(SampleEvents.load("intake-post-form-json.json"))).content();
    assertEquals("090", o.territory().mrcCode());
    assertEquals(Category.GOOD_NEWS, o.category());
    assertEquals(Optional.of("Marché public de Mont-Joli"), o.place());
  }

  @Test
  void htmlSample_isStored_andABrowserIsSentToTheThankYouPage() throws Exception {
    Observation o =
        (Observation) storedFrom(handle(SampleEvents.load("intake-post-form-html.json"))).content();
    assertEquals("100", o.territory().mrcCode());
    assertTrue(o.distress());
    HttpApiEvent browser = SampleEvents.load("intake-post-form-html.json");
    browser.getHeaders().put("accept", "text/html");
    HttpApiResponse response = handle(browser);
    assertEquals(303, response.getStatusCode());
    assertTrue(response.getHeaders().get("Location").startsWith("/merci?id=O-"));
  }

  @Test
  void theSameDeliveryPostedAgain_answersTheSameId_andStoresOneRecord() throws Exception {
    for (String name : sampleNames()) {
      String first = JSON.readTree(handle(SampleEvents.load(name)).getBody()).get("id").asText();
      HttpApiResponse retry = handle(SampleEvents.load(name));
      assertEquals(201, retry.getStatusCode(), name + ": " + retry.getBody());
      assertEquals(first, JSON.readTree(retry.getBody()).get("id").asText(), name);
    }
    assertEquals(sampleNames().size(), store.submissions.size());
  }

  @Test
  void forgedTypeformSignature_is401NamingTheHeader_inFrench_andStoresNothing() throws Exception {
    HttpApiEvent event = SampleEvents.load("intake-post-form-typeform.json");
    event.setBody(event.getBody().replace("Un besoin", "Un bon coup"));
    HttpApiResponse response = handle(event);
    assertEquals(401, response.getStatusCode());
    JsonNode error = JSON.readTree(response.getBody()).get("errors").get(0);
    assertEquals("Typeform-Signature", error.get("field").asText());
    assertTrue(error.get("message").asText().contains("ne correspond pas"), error.toString());
    assertTrue(store.submissions.isEmpty());
  }

  @Test
  void missingSignature_is401_inEnglishOnRequest() throws Exception {
    HttpApiEvent event = SampleEvents.load("intake-post-form-tally.json");
    event.getHeaders().remove("tally-signature");
    event.getHeaders().put("accept-language", "en");
    HttpApiResponse response = handle(event);
    assertEquals(401, response.getStatusCode());
    JsonNode error = JSON.readTree(response.getBody()).get("errors").get(0);
    assertEquals("Tally-Signature", error.get("field").asText());
    assertTrue(error.get("message").asText().contains("is missing"), error.toString());
    assertTrue(store.submissions.isEmpty());
  }

  @Test
  void wrongBasicPassword_is401_withAChallenge() {
    HttpApiEvent event = SampleEvents.load("intake-post-form-kobotoolbox.json");
    event
        .getHeaders()
        .put(
            "authorization",
            "Basic " + Base64.getEncoder().encodeToString("kobo:guess".getBytes()));
    HttpApiResponse response = handle(event);
    assertEquals(401, response.getStatusCode());
    assertTrue(response.getHeaders().get("WWW-Authenticate").startsWith("Basic"));
    assertTrue(store.submissions.isEmpty());
  }

  @Test
  void jotformWithoutTheUrlKey_is401() {
    HttpApiEvent event = SampleEvents.load("intake-post-form-jotform.json");
    event.setQueryStringParameters(Map.of("key", "not-the-key"));
    assertEquals(401, handle(event).getStatusCode());
    event.setQueryStringParameters(null);
    assertEquals(401, handle(event).getStatusCode());
    assertTrue(store.submissions.isEmpty());
  }

  @Test
  void unknownForm_is404() throws Exception {
    HttpApiEvent event = SampleEvents.load("intake-post-form-json.json");
    event.setPathParameters(Map.of("formId", "nowhere"));
    HttpApiResponse response = handle(event);
    assertEquals(404, response.getStatusCode());
    assertEquals(
        "formId", JSON.readTree(response.getBody()).get("errors").get(0).get("field").asText());
    event.setPathParameters(Map.of("formId", "../forms/bsl-typeform"));
    assertEquals(404, handle(event).getStatusCode());
  }

  @Test
  void unansweredRequiredQuestion_isKeptForReview_201_namingTheField() throws Exception {
    String body =
        "{\"responseId\":\"r-422\",\"answers\":{\"Municipalité\":\"Maniwaki\","
            + "\"Type de signalement\":\"Besoin\",\"Adresse courriel\":\"a@example.org\"}}";
    HttpApiResponse response = handle(signedGoogleForm(body, Map.of()));
    assertEquals(201, response.getStatusCode(), response.getBody());
    JsonNode answer = JSON.readTree(response.getBody());
    assertEquals("to_review", answer.get("status").asText());
    assertEquals("description", answer.get("unread").get(0).asText());
    ReportToReview report =
        (ReportToReview) store.find(answer.get("id").asText()).orElseThrow().content();
    assertEquals("Décrivez la situation", report.problems().get(0).question());
    assertEquals("830", report.territory().mrcCode(), "Maniwaki: La Vallée-de-la-Gatineau");
    assertTrue(
        report
            .answers()
            .contains(new ReportToReview.ReceivedAnswer("Municipalité", List.of("Maniwaki"))));
  }

  @Test
  void mappedValuesThatAreNotValid_areKeptForReview_namingEachRelaisField() throws Exception {
    String body =
        "{\"responseId\":\"r-400\",\"answers\":{\"Municipalité\":\"Maniwaki\","
            + "\"Type de signalement\":\"Autre chose\",\"Décrivez la situation\":\"x\","
            + "\"Adresse courriel\":\"pas-un-courriel\"}}";
    HttpApiResponse response = handle(signedGoogleForm(body, Map.of()));
    assertEquals(201, response.getStatusCode(), response.getBody());
    JsonNode answer = JSON.readTree(response.getBody());
    assertEquals("to_review", answer.get("status").asText());
    List<String> fields = answer.get("unread").findValuesAsText("unread");
    Set<String> unread = new java.util.HashSet<>();
    answer.get("unread").forEach(f -> unread.add(f.asText()));
    assertEquals(Set.of("category", "reporterEmail"), unread, fields.toString());
  }

  @Test
  void signedButMalformedJson_anotherShape_orAnotherContentType_isKeptForReview() throws Exception {
    HttpApiResponse malformed = handle(signedGoogleForm("{\"answers\": {", Map.of()));
    assertEquals(201, malformed.getStatusCode(), malformed.getBody());
    assertEquals("to_review", JSON.readTree(malformed.getBody()).get("status").asText());
    ReportToReview unreadable =
        (ReportToReview) store.submissions.values().iterator().next().content();
    assertEquals(
        List.of(new ReportToReview.ReceivedAnswer("body", List.of("{\"answers\": {"))),
        unreadable.answers());
    store.submissions.clear();
    HttpApiResponse notItsShape = handle(signedGoogleForm("{\"hello\": 1}", Map.of()));
    assertEquals(201, notItsShape.getStatusCode(), notItsShape.getBody());
    ReportToReview report = (ReportToReview) store.submissions.values().iterator().next().content();
    assertEquals(
        List.of(new ReportToReview.ReceivedAnswer("hello", List.of("1"))), report.answers());
    assertFalse(report.territoryKnown());
    HttpApiResponse text =
        handle(signedGoogleForm("bonjour", Map.of("content-type", "text/plain")));
    // the tool would take a 415 as final: kept, flagged for its content type
    assertEquals(201, text.getStatusCode(), text.getBody());
    assertEquals("to_review", JSON.readTree(text.getBody()).get("status").asText());
    assertEquals(2, store.submissions.size());
    assertTrue(
        store.submissions.values().stream()
            .map(s -> (ReportToReview) s.content())
            .anyMatch(
                r ->
                    r.answers()
                        .equals(
                            List.of(
                                new ReportToReview.ReceivedAnswer("body", List.of("bonjour"))))),
        "kept as received");
    // a JSON body posted without its content type (Apps Script's default) is still read
    String answers =
        "{\"responseId\":\"r-ct\",\"answers\":{\"Municipalité\":\"Maniwaki\","
            + "\"Type de signalement\":\"Besoin\",\"Décrivez la situation\":\"Répit\","
            + "\"Adresse courriel\":\"a@example.org\"}}";
    HttpApiResponse urlencoded =
        handle(
            signedGoogleForm(answers, Map.of("content-type", "application/x-www-form-urlencoded")));
    assertEquals(201, urlencoded.getStatusCode(), urlencoded.getBody());
    assertEquals("received", JSON.readTree(urlencoded.getBody()).get("status").asText());
  }

  @Test
  void typeformAnswersCarryingOnlyTheFieldId_areMappedByRef_evenWithALongChoiceList()
      throws Exception {
    HttpApiEvent event = SampleEvents.load("intake-post-form-typeform-field-ids.json");
    assertTrue(
        event.getBody().getBytes(StandardCharsets.UTF_8).length > 32 * 1024,
        "the whole form definition comes with each delivery");
    Observation o = (Observation) storedFrom(handle(event)).content();
    assertEquals("110", o.territory().mrcCode());
    assertEquals(Category.NEED, o.category());
    assertTrue(o.distress(), "true, read by the ref of the definition");
    assertEquals("nadia.pelletier@example.org", o.reporterEmail());
  }

  @Test
  void typeformPartialResponse_is200_andStoresNothing() throws Exception {
    HttpApiResponse response = handle(SampleEvents.load("intake-post-form-typeform-partial.json"));
    assertEquals(200, response.getStatusCode(), response.getBody());
    assertEquals("ignored", JSON.readTree(response.getBody()).get("status").asText());
    assertTrue(store.submissions.isEmpty());
  }

  @Test
  void googleFormsItemArray_isStoredLikeTheAnswersObject() throws Exception {
    Observation o =
        (Observation)
            storedFrom(handle(SampleEvents.load("intake-post-form-google-forms-items.json")))
                .content();
    assertEquals(Optional.of("Gracefield"), o.territory().municipalityName());
    assertEquals(Category.CONCERN, o.category());
    assertTrue(o.distress());
    assertEquals(Optional.of(LocalDate.parse("2026-11-21")), o.observedOn());
  }

  @Test
  void powerAutomateResponseDetailsAsIs_isReadByQuestionIds() throws Exception {
    Observation o =
        (Observation)
            storedFrom(handle(SampleEvents.load("intake-post-form-power-automate-details.json")))
                .content();
    assertEquals("080", o.territory().mrcCode());
    assertEquals(Category.NEED, o.category());
    assertFalse(o.distress());
    assertEquals(Optional.of("Chantal Ouellet"), o.reporterName());
  }

  @Test
  void aBrowserPostingThePartnerForm_getsPages_neverJson() throws Exception {
    // unknown territory: kept for review, and the person is told so on a page
    HttpApiEvent event = SampleEvents.load("intake-post-form-html.json");
    String form = new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8);
    event.setBody(form.replace("municipalite=Rimouski", "municipalite=Atlantide"));
    event.setIsBase64Encoded(false);
    event.getHeaders().put("accept", "text/html,application/xhtml+xml");
    event.getHeaders().put("referer", "https://partenaire.example.org/vigie");
    HttpApiResponse review = handle(event);
    assertEquals(200, review.getStatusCode());
    assertTrue(review.getHeaders().get("Content-Type").startsWith("text/html"));
    assertTrue(review.getBody().contains("Merci, votre envoi a été reçu"), review.getBody());
    // the fields named as the person reads them, in the page's language
    assertTrue(review.getBody().contains("(municipalité)"), review.getBody());
    assertTrue(review.getBody().contains("href=\"https://partenaire.example.org/vigie\""));
    assertEquals(1, store.submissions.size());
    // an unknown form, in English on request: a page too
    event.setPathParameters(Map.of("formId", "nowhere"));
    event.getHeaders().put("accept-language", "en");
    HttpApiResponse unknown = handle(event);
    assertEquals(404, unknown.getStatusCode());
    assertTrue(unknown.getHeaders().get("Content-Type").startsWith("text/html"));
    assertTrue(unknown.getBody().contains("Your submission could not be sent"));
    assertFalse(unknown.getBody().contains("{\""));
    // a body too large for the route: kept all the same, the browser sees it was received
    event.setPathParameters(Map.of("formId", "html-partenaire"));
    event.setBody("description=" + "x".repeat(IntakeHandler.DEFAULT_MAX_WEBHOOK_BODY_BYTES));
    int before = store.submissions.size();
    HttpApiResponse tooLarge = handle(event);
    assertTrue(
        tooLarge.getStatusCode() == 303 || tooLarge.getStatusCode() == 200,
        tooLarge.getStatusCode() + " " + tooLarge.getBody());
    assertEquals(before + 1, store.submissions.size());
  }

  @Test
  void anAuthenticDeliveryOverTheBodyLimit_isKeptForReview_itsBeginningAsReceived_neverA413()
      throws Exception {
    String answers =
        "{\"responseId\":\"r-large\",\"answers\":{\"Municipalité\":\"Maniwaki\","
            + "\"Décrivez la situation\":\""
            + "é".repeat(IntakeHandler.DEFAULT_MAX_WEBHOOK_BODY_BYTES / 2)
            + "\"}}";
    HttpApiResponse large = handle(signedGoogleForm(answers, Map.of()));
    assertEquals(201, large.getStatusCode(), large.getBody());
    JsonNode answer = JSON.readTree(large.getBody());
    assertEquals("to_review", answer.get("status").asText());
    ReportToReview report = (ReportToReview) store.submissions.values().iterator().next().content();
    assertEquals("forms.body_too_large", report.problems().get(0).messageKey());
    assertEquals(List.of("google-forms", "1024"), report.problems().get(0).arguments());
    String kept = report.answers().get(0).values().get(0);
    assertTrue(kept.startsWith("{\"responseId\":\"r-large\""), kept.substring(0, 40));
    assertTrue(kept.length() <= 4001, "the beginning only: " + kept.length());
    // base64-encoded as API Gateway sends a form body, 7 MiB (more than Lambda takes in AWS, what
    // the local gateway passes): kept too, never a 413
    byte[] huge =
        ("municipalite=Rimouski&description=" + "x".repeat(7 * 1024 * 1024))
            .getBytes(StandardCharsets.UTF_8);
    HttpApiEvent encoded =
        HttpApiEvent.builder()
            .withRouteKey("POST /forms/{formId}")
            .withRawPath("/forms/html-partenaire")
            .withPathParameters(Map.of("formId", "html-partenaire"))
            .withHeaders(
                new HashMap<>(
                    Map.of(
                        "content-type",
                        "application/x-www-form-urlencoded",
                        "accept",
                        "application/json")))
            .withBody(Base64.getEncoder().encodeToString(huge))
            .withIsBase64Encoded(true)
            .build();
    HttpApiResponse keptToo = handle(encoded);
    assertEquals(201, keptToo.getStatusCode(), keptToo.getBody());
    assertEquals(2, store.submissions.size());
    store.submissions.remove(JSON.readTree(keptToo.getBody()).get("id").asText());
    // the same size, but not signed by the form's secret: refused as any forgery
    HttpApiEvent forged = signedGoogleForm(answers, Map.of("x-relais-signature", "AAAA"));
    assertEquals(401, handle(forged).getStatusCode());
    assertEquals(1, store.submissions.size());
  }

  @Test
  void aSignUpWithoutConsent_fromJotform_keepsOnlyTheTry() throws Exception {
    HttpApiEvent event = SampleEvents.load("intake-post-form-jotform.json");
    // the sample's form has a consent question: post it unticked
    String body =
        event.getIsBase64Encoded()
            ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
            : event.getBody();
    String ticked = "\"q8_consentement\": [\"J’accepte que l’équipe-relais me joigne\"]";
    assertTrue(body.contains(ticked), "the Jotform sample asks for consent");
    event.setBody(body.replace(ticked, "\"q8_consentement\": []"));
    event.setIsBase64Encoded(false);
    HttpApiResponse response = handle(event);
    assertEquals(200, response.getStatusCode(), response.getBody());
    JsonNode answer = JSON.readTree(response.getBody());
    assertEquals("not_stored_without_consent", answer.get("status").asText());
    Submission kept = store.find(answer.get("id").asText()).orElseThrow();
    ReportToReview notice = (ReportToReview) kept.content();
    assertEquals(ReportToReview.Reason.SIGNUP_WITHOUT_CONSENT, notice.reason());
    assertTrue(notice.answers().isEmpty());
    assertEquals(1, store.submissions.size());
  }

  @Test
  void everyShippedFormConfigurationLoads_andHasASampleEventUsedHere() throws Exception {
    Path forms = SampleEvents.root().resolve("functions/intake/src/main/resources/forms");
    List<String> ids;
    try (Stream<Path> files = Files.list(forms)) {
      ids =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .map(n -> n.substring(0, n.length() - 5))
              .sorted()
              .toList();
    }
    assertEquals(8, ids.size(), ids.toString());
    Set<String> sampled = new java.util.HashSet<>();
    for (String name : sampleNames()) {
      sampled.add(SampleEvents.load(name).getPathParameters().get("formId"));
    }
    for (String id : ids) {
      assertTrue(FormConfigs.classpath().find(id).isPresent(), id);
      assertTrue(sampled.contains(id), "no sample event for form " + id);
    }
  }

  static List<String> sampleNames() {
    return List.of(
        "intake-post-form-typeform.json",
        "intake-post-form-typeform-field-ids.json",
        "intake-post-form-tally.json",
        "intake-post-form-jotform.json",
        "intake-post-form-google-forms.json",
        "intake-post-form-google-forms-items.json",
        "intake-post-form-kobotoolbox.json",
        "intake-post-form-power-automate.json",
        "intake-post-form-power-automate-details.json",
        "intake-post-form-json.json",
        "intake-post-form-html.json");
  }

  /** A delivery of the Google Forms sample's form, signed as its Apps Script signs. */
  private static HttpApiEvent signedGoogleForm(String body, Map<String, String> headers) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    byte[] secret = "test-apps-script-secret".getBytes(StandardCharsets.UTF_8);
    Map<String, String> all = new HashMap<>();
    all.put("content-type", "application/json");
    all.put(
        "x-relais-signature",
        Base64.getEncoder().encodeToString(WebhookAuthenticator.hmacSha256(secret, bytes)));
    all.putAll(headers);
    return HttpApiEvent.builder()
        .withRouteKey("POST /forms/{formId}")
        .withRawPath("/forms/google-forms-outaouais")
        .withPathParameters(Map.of("formId", "google-forms-outaouais"))
        .withHeaders(all)
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }
}
