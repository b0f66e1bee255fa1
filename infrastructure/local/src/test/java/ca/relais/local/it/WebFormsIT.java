package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.LocalStack;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Our web forms through the local gateway with a real HTTP client, as a browser without JavaScript
 * uses them: GET the form, take its token, wait past the minimum fill time (1 s on the test stack),
 * post it urlencoded.
 */
class WebFormsIT {

  /** The minimum fill time of the test stack ({@code FormMinFillSeconds} in SharedLocalStack). */
  static final long MIN_FILL_MILLIS = 1000;

  private static final Pattern TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");
  private static final String HTML = "text/html,application/xhtml+xml";

  private static Api api;
  private static StoredItems table;

  @BeforeAll
  static void start() {
    LocalStack stack = SharedLocalStack.get();
    api = new Api(stack.gatewayEndpoint());
    table = new StoredItems(stack);
  }

  static String token(HttpResponse<String> page) {
    Matcher m = TOKEN.matcher(page.body());
    assertTrue(m.find(), "no form token in " + page.body());
    return m.group(1);
  }

  /**
   * A sample event's urlencoded form body with the token of a form freshly shown by the stack, once
   * the minimum fill time has passed; any other body unchanged.
   */
  static byte[] withFreshToken(Api api, String path, byte[] body)
      throws IOException, InterruptedException {
    String text = new String(body, StandardCharsets.UTF_8);
    if (!text.startsWith("formToken=") && !text.contains("&formToken=")) {
      return body;
    }
    String token = token(api.get(path, "Accept", HTML));
    Thread.sleep(MIN_FILL_MILLIS + 200);
    String replaced =
        List.of(text.split("&")).stream()
            .map(
                pair ->
                    pair.startsWith("formToken=")
                        ? "formToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        : pair)
            .collect(Collectors.joining("&"));
    return replaced.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Map.Entry<String, String>> signUp(String token, String email, String lang) {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    if (token != null) {
      fields.add(Map.entry("formToken", token));
    }
    fields.add(Map.entry("lang", lang));
    fields.add(Map.entry("website", ""));
    fields.add(Map.entry("firstName", "Noémie"));
    fields.add(Map.entry("lastName", "Gagnon-Léveillé"));
    fields.add(Map.entry("email", email));
    fields.add(Map.entry("phone", ""));
    fields.add(Map.entry("municipality", "Saint-Jean-Port-Joli"));
    fields.add(Map.entry("mrc", ""));
    fields.add(Map.entry("roles", "promote"));
    fields.add(Map.entry("roles", "watch"));
    fields.add(Map.entry("availability", ""));
    fields.add(Map.entry("message", "Disponible <le soir> & la fin de semaine."));
    fields.add(Map.entry("consent", "on"));
    return fields;
  }

  private static boolean storedWithEmail(String attribute, String email) {
    return table.all().stream()
        .anyMatch(item -> item.containsKey(attribute) && email.equals(item.get(attribute).s()));
  }

  private static String idFrom(String location) {
    String query = location.substring(location.indexOf('?') + 1);
    for (String pair : query.split("&")) {
      if (pair.startsWith("id=")) {
        return URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no id in " + location);
  }

  @Test
  void signUpForm_getTokenWaitPost_isStored_andTheThankYouPageShowsTheId() throws Exception {
    HttpResponse<String> form = api.get("/inscription", "Accept", HTML);
    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("<html lang=\"fr\">"));
    String token = token(form);
    Thread.sleep(MIN_FILL_MILLIS + 200);
    String email = "noemie.web@example.org";
    HttpResponse<String> posted =
        api.postForm("/inscription", signUp(token, email, "fr"), "Accept", HTML);
    assertEquals(303, posted.statusCode(), posted.body());
    String location = posted.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith("/merci?id=S-") && location.endsWith("&lang=fr"), location);
    String id = idFrom(location);
    Map<String, AttributeValue> item = table.submission(id);
    assertEquals("Noémie", item.get("firstName").s());
    assertEquals("170", item.get("mrcCode").s());
    assertEquals("Disponible <le soir> & la fin de semaine.", item.get("message").s());
    HttpResponse<String> thanks = api.get(location, "Accept", HTML);
    assertEquals(200, thanks.statusCode());
    assertTrue(thanks.body().contains(id), thanks.body());
  }

  @Test
  void observationForm_inEnglish_isStoredInEnglish() throws Exception {
    HttpResponse<String> form = api.get("/signalement?lang=en", "Accept", HTML);
    assertTrue(form.body().contains("<html lang=\"en\">"));
    String token = token(form);
    Thread.sleep(MIN_FILL_MILLIS + 200);
    HttpResponse<String> posted =
        api.postForm(
            "/signalement",
            List.of(
                Map.entry("formToken", token),
                Map.entry("lang", "en"),
                Map.entry("website", ""),
                Map.entry("category", "good_news"),
                Map.entry("description", "A new walking club meets at the park every Tuesday."),
                Map.entry("municipality", "Rimouski"),
                Map.entry("mrc", ""),
                Map.entry("place", ""),
                Map.entry("observedOn", ""),
                Map.entry("reporterName", ""),
                Map.entry("reporterEmail", "walker.web@example.org")),
            "Accept",
            HTML);
    assertEquals(303, posted.statusCode(), posted.body());
    String location = posted.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith("/merci?id=O-") && location.endsWith("&lang=en"), location);
    Map<String, AttributeValue> item = table.submission(idFrom(location));
    assertEquals("en", item.get("language").s());
    assertEquals("100", item.get("mrcCode").s());
  }

  @Test
  void withoutToken_theFormComesBackIn400_andNothingIsStored() throws Exception {
    String email = "sans.jeton@example.org";
    HttpResponse<String> posted =
        api.postForm("/inscription", signUp(null, email, "fr"), "Accept", HTML);
    assertEquals(400, posted.statusCode());
    assertTrue(posted.body().contains("n’a pas été ouvert à partir de notre site"));
    assertTrue(posted.body().contains("value=\"" + email + "\""), "values kept");
    assertTrue(!storedWithEmail("email", email), "nothing stored");
  }

  @Test
  void postedTooFast_theFormComesBack_andNothingIsStored() throws Exception {
    String token = token(api.get("/inscription?lang=en", "Accept", HTML));
    String email = "too.fast@example.org";
    HttpResponse<String> posted =
        api.postForm("/inscription", signUp(token, email, "en"), "Accept", HTML);
    assertEquals(400, posted.statusCode());
    assertTrue(posted.body().contains("The form was sent too quickly."), posted.body());
    assertTrue(!storedWithEmail("email", email), "nothing stored");
  }

  @Test
  void aFilledHoneypot_answersLikeSuccess_andNothingIsStored() throws Exception {
    String token = token(api.get("/inscription", "Accept", HTML));
    Thread.sleep(MIN_FILL_MILLIS + 200);
    String email = "robot.web@example.org";
    List<Map.Entry<String, String>> fields = new ArrayList<>(signUp(token, email, "fr"));
    fields.replaceAll(
        f -> f.getKey().equals("website") ? Map.entry("website", "http://spam.example") : f);
    HttpResponse<String> posted = api.postForm("/inscription", fields, "Accept", HTML);
    assertEquals(303, posted.statusCode());
    assertTrue(!storedWithEmail("email", email), "nothing stored");
  }

  @Test
  void badFields_comeBackIn400WithTheErrorsNextToTheFields_andNothingIsStored() throws Exception {
    String token = token(api.get("/inscription", "Accept", HTML));
    Thread.sleep(MIN_FILL_MILLIS + 200);
    List<Map.Entry<String, String>> fields =
        new ArrayList<>(signUp(token, "pas-un-courriel", "fr"));
    fields.removeIf(f -> f.getKey().equals("consent"));
    HttpResponse<String> posted = api.postForm("/inscription", fields, "Accept", HTML);
    assertEquals(400, posted.statusCode());
    assertTrue(posted.body().contains("id=\"email-error\""));
    assertTrue(posted.body().contains("id=\"consent-error\""));
    assertTrue(posted.body().contains("Disponible &lt;le soir&gt; &amp; la fin de semaine."));
    assertTrue(!storedWithEmail("email", "pas-un-courriel"), "nothing stored");
  }

  @Test
  void landingPage_inBothLanguages() throws Exception {
    HttpResponse<String> fr = api.get("/", "Accept", HTML, "Accept-Language", "fr-CA");
    assertEquals(200, fr.statusCode());
    assertTrue(fr.body().contains("<html lang=\"fr\">"));
    HttpResponse<String> en = api.get("/", "Accept", HTML, "Accept-Language", "en-CA,en");
    assertTrue(en.body().contains("<html lang=\"en\">"));
  }
}
