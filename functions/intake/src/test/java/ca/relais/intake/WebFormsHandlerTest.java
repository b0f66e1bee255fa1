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
import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.port.SubmissionStore;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.territory.TerritoryResolver;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web form routes on their sample events of {@code events/}. The form posts of the samples
 * carry tokens signed with {@link #SAMPLE_SECRET} at 13:04:00 UTC; the handler's clock is 72 s
 * later.
 */
class WebFormsHandlerTest {

  /** The secret the tokens of the sample events are signed with (never used outside tests). */
  static final String SAMPLE_SECRET = "sample-events-form-token-secret-0123456789";

  private static final Instant NOW = Instant.parse("2026-11-23T13:05:12Z");
  private static final TerritoryDirectory TERRITORY = TerritoryDirectory.loadDefault();

  private final List<Submission> saved = new ArrayList<>();

  private IntakeHandler handlerAt(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    SubmissionStore store =
        new SubmissionStore() {
          @Override
          public SaveResult save(Submission submission, Instant retainUntil, DuplicateGuard guard) {
            saved.add(submission);
            return new SaveResult.Saved(submission.id());
          }

          @Override
          public Optional<Submission> find(String id) {
            return saved.stream().filter(s -> s.id().equals(id)).findFirst();
          }
        };
    return new IntakeHandler(
        new IntakeService(
            new SubmissionValidator(new TerritoryResolver(TERRITORY), clock),
            store,
            ReferenceIds.secure(),
            RetentionPolicy.defaults(),
            clock),
        IntakeHandler.DEFAULT_MAX_BODY_BYTES,
        new FormPages(TERRITORY, 1095, 730),
        new FormToken(SAMPLE_SECRET, clock, Duration.ofHours(24), Duration.ofSeconds(3)));
  }

  private HttpApiResponse handle(HttpApiEvent event) {
    return handlerAt(NOW).handleRequest(event, null);
  }

  private static String decodedBody(HttpApiEvent event) {
    return event.getIsBase64Encoded()
        ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
        : event.getBody();
  }

  /** The sample with its urlencoded body changed field by field. */
  private static HttpApiEvent withBody(String sample, UnaryOperator<List<String[]>> change) {
    HttpApiEvent event = SampleEvents.load(sample);
    List<String[]> fields =
        Stream.of(decodedBody(event).split("&"))
            .map(p -> p.split("=", 2))
            .map(
                p ->
                    new String[] {
                      URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                      p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""
                    })
            .collect(Collectors.toCollection(ArrayList::new));
    String body =
        change.apply(fields).stream()
            .map(
                f ->
                    URLEncoder.encode(f[0], StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(f[1], StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    event.setIsBase64Encoded(false);
    event.setBody(body);
    return event;
  }

  private static List<String[]> set(List<String[]> fields, String name, String value) {
    fields.removeIf(f -> f[0].equals(name));
    if (value != null) {
      fields.add(new String[] {name, value});
    }
    return fields;
  }

  private static void assertHtml(HttpApiResponse response, int status, String lang) {
    assertEquals(status, response.getStatusCode(), response.getBody());
    assertEquals("text/html; charset=utf-8", response.getHeaders().get("Content-Type"));
    assertEquals(lang, response.getHeaders().get("Content-Language"));
    assertTrue(response.getBody().contains("<html lang=\"" + lang + "\">"));
    assertTrue(response.getHeaders().get("Content-Security-Policy").contains("form-action 'self'"));
  }

  @Test
  void landingSample_isTheFrenchLandingPage() {
    HttpApiResponse response = handle(SampleEvents.load("intake-get-landing.json"));
    assertHtml(response, 200, "fr");
    assertTrue(response.getBody().contains("href=\"/inscription?lang=fr\""));
  }

  @Test
  void signUpFormSample_isInEnglishByAcceptLanguage_withAFreshSignedToken() {
    HttpApiResponse response = handle(SampleEvents.load("intake-get-signup-form.json"));
    assertHtml(response, 200, "en");
    String body = response.getBody();
    assertTrue(body.contains("<h1>Become an <span lang=\"fr\">éclaireur</span></h1>"), body);
    assertTrue(body.contains("name=\"formToken\" value=\"v1." + NOW.toEpochMilli() + "."));
  }

  @Test
  void observationFormSample_isInEnglishByItsQueryEvenWithAFrenchBrowser() {
    HttpApiResponse response = handle(SampleEvents.load("intake-get-observation-form.json"));
    assertHtml(response, 200, "en");
    assertTrue(response.getBody().contains("<h1>Vigie observation</h1>"));
  }

  @Test
  void signUpFormPostSample_isStoredThroughIntake_andRedirectedToTheFrenchThankYouPage() {
    HttpApiResponse response = handle(SampleEvents.load("intake-post-signup-form.json"));
    assertEquals(303, response.getStatusCode(), response.getBody());
    SignUp signUp = (SignUp) saved.get(0).content();
    assertEquals(
        "/merci?id=" + saved.get(0).id() + "&lang=fr", response.getHeaders().get("Location"));
    assertEquals("Marie-Ève", signUp.firstName());
    assertEquals("170", signUp.territory().mrcCode());
    assertEquals(Set.of(Role.WATCH, Role.SUPPORT), signUp.roles());
    assertEquals(Language.FR, signUp.language());
  }

  @Test
  void observationFormPostSample_isStored_andRedirectedToTheEnglishThankYouPage() {
    HttpApiResponse response = handle(SampleEvents.load("intake-post-observation-form.json"));
    assertEquals(303, response.getStatusCode(), response.getBody());
    Observation observation = (Observation) saved.get(0).content();
    assertEquals(Category.NEED, observation.category());
    assertEquals(Language.EN, observation.language());
    assertTrue(response.getHeaders().get("Location").endsWith("&lang=en"));
  }

  @Test
  void aFormLeftOpenAWorkingDayIsStillTaken() {
    // WCAG 2.2.1 (timing adjustable): a form open 23 hours (the 20-hour exception) is taken
    HttpApiResponse response =
        handlerAt(NOW.plus(Duration.ofHours(23)))
            .handleRequest(SampleEvents.load("intake-post-signup-form.json"), null);
    assertEquals(303, response.getStatusCode(), response.getBody());
    assertEquals(1, saved.size());
  }

  @Test
  void anUnknownFieldIsNumberedByItsPlaceInTheBodyAsSent_tokenLanguageAndHoneypotIncluded() {
    // formToken, lang, website, then ten inputs (roles twice): a name counts once, where it first
    // came; the form's own hidden fields count, as the person's browser sent them
    String name = "jean.tremblay@example.org";
    record Case(UnaryOperator<List<String[]>> change, String lang, String message) {}
    List<Case> cases =
        List.of(
            new Case(
                f -> {
                  f.add(new String[] {name, "oui"});
                  return f;
                },
                "fr",
                "Le champ n° 14 de la requête"),
            new Case(
                f -> {
                  f.add(1, new String[] {name, "oui"});
                  set(f, "lang", "en");
                  return f;
                },
                "en",
                "Field number 2 of the request"),
            new Case(
                f -> {
                  f.add(3, new String[] {name, "oui"});
                  return f;
                },
                "fr",
                "Le champ n° 4 de la requête"));
    for (Case c : cases) {
      java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
      java.io.PrintStream original = System.err;
      HttpApiResponse response;
      System.setErr(new java.io.PrintStream(logs, true, StandardCharsets.UTF_8));
      try {
        response = handle(withBody("intake-post-signup-form.json", c.change()));
      } finally {
        System.setErr(original);
      }
      assertEquals(400, response.getStatusCode(), response.getBody());
      assertTrue(response.getBody().contains(c.message()), c.message() + ": " + response.getBody());
      assertFalse(response.getBody().contains("jean.t"), response.getBody());
      assertFalse(logs.toString(StandardCharsets.UTF_8).contains("jean.t"), logs.toString());
      assertEquals(List.of(), saved);
    }
  }

  @Test
  void missingForgedExpiredOrTooFastTokens_showTheFormAgainWithAMessage_andStoreNothing() {
    record Case(HttpApiEvent event, Instant now, String message) {}
    List<Case> cases =
        List.of(
            new Case(
                withBody("intake-post-signup-form.json", f -> set(f, "formToken", null)),
                NOW,
                "n’a pas été ouvert à partir de notre site"),
            new Case(
                withBody(
                    "intake-post-signup-form.json",
                    f -> set(f, "formToken", "v1." + (NOW.toEpochMilli() - 60_000) + ".AAAA")),
                NOW,
                "Ce formulaire a expiré : en voici un nouveau. Vos réponses sont conservées"),
            new Case(
                SampleEvents.load("intake-post-signup-form.json"),
                NOW.plus(Duration.ofHours(25)),
                "Ce formulaire a expiré : en voici un nouveau. Vos réponses sont conservées"),
            new Case(
                SampleEvents.load("intake-post-signup-form.json"),
                Instant.parse("2026-11-23T13:04:01Z"),
                "a été envoyé trop rapidement"));
    for (Case c : cases) {
      HttpApiResponse response = handlerAt(c.now()).handleRequest(c.event(), null);
      assertHtml(response, 400, "fr");
      String body = response.getBody();
      assertTrue(body.contains(c.message()), c.message());
      assertTrue(body.contains("Rien n’a été enregistré."));
      assertTrue(body.contains("value=\"Marie-Ève\""), "values kept");
      assertTrue(body.contains("name=\"formToken\" value=\"v1." + c.now().toEpochMilli() + "."));
      assertEquals(List.of(), saved, c.message());
    }
  }

  @Test
  void theSignUpTokenDoesNotOpenTheObservationForm() {
    String signUpToken =
        withBody("intake-post-signup-form.json", f -> f).getBody().split("formToken=")[1];
    HttpApiResponse response =
        handle(
            withBody(
                "intake-post-observation-form.json",
                f ->
                    set(
                        f,
                        "formToken",
                        URLDecoder.decode(signUpToken.split("&")[0], StandardCharsets.UTF_8))));
    assertHtml(response, 400, "en");
    assertTrue(
        response.getBody().contains("This form has expired: here is a fresh one."),
        response.getBody());
    assertEquals(List.of(), saved);
  }

  @Test
  void aFilledHoneypot_looksLikeSuccess_andStoresNothing() {
    HttpApiResponse response =
        handle(
            withBody(
                "intake-post-signup-form.json", f -> set(f, "website", "http://spam.example")));
    assertEquals(303, response.getStatusCode());
    assertEquals(List.of(), saved);
  }

  @Test
  void badFields_showTheFormAgainIn400_withErrorsNextToTheFields_andValuesEscaped() {
    HttpApiResponse response =
        handle(
            withBody(
                "intake-post-observation-form.json",
                f -> {
                  set(f, "reporterEmail", "pas-un-courriel");
                  set(f, "municipality", "Saint-Lambert");
                  set(f, "place", "<img src=x onerror=alert(1)>");
                  return set(f, "category", null);
                }));
    assertHtml(response, 400, "en");
    String body = response.getBody();
    assertTrue(body.contains("<a href=\"#reporterEmail\">Your email: Enter a valid email"));
    assertTrue(
        body.contains(
            "<a href=\"#category-concern\">What you are reporting: Choose what you are reporting: a concern, a need or a bon coup (good news)."));
    assertTrue(body.contains("id=\"municipality-error\""));
    assertTrue(body.contains("Several municipalities have this name"));
    assertTrue(body.contains("value=\"pas-un-courriel\""));
    assertFalse(body.contains("<img src=x"));
    assertTrue(body.contains("value=\"&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;\""), body);
    assertEquals(List.of(), saved);
  }

  @Test
  void aFormPostWithoutContentType_isShownAgainWith415() {
    HttpApiEvent event = SampleEvents.load("intake-post-signup-form.json");
    event.getHeaders().remove("content-type");
    HttpApiResponse response = handle(event);
    assertHtml(response, 415, "fr");
    assertEquals(List.of(), saved);
  }
}
