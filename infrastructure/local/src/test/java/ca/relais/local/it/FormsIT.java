package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.LocalStack;
import ca.relais.local.RepositoryRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /forms/{formId}} through the local gateway: the provider sample events of {@code
 * events/} (signed with the test secrets that {@link SharedLocalStack} passes as the template's
 * {@code FormSecrets}), read back from DynamoDB Local.
 */
class FormsIT {

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

  /** A sample event as the provider would send it: same path, query, headers and body bytes. */
  private record Delivery(
      String target, String contentType, byte[] body, Map<String, String> headers) {

    static Delivery of(String sample) throws Exception {
      JsonNode event =
          JSON.readTree(RepositoryRoot.path().resolve("events").resolve(sample).toFile());
      String query = event.path("rawQueryString").asText("");
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      event
          .path("headers")
          .properties()
          .forEach(
              h -> {
                if (!Set.of(
                        "host",
                        "content-type",
                        "x-forwarded-for",
                        "x-forwarded-proto",
                        "x-forwarded-port",
                        "user-agent")
                    .contains(h.getKey())) {
                  headers.put(h.getKey(), h.getValue().asText());
                }
              });
      String body = event.path("body").asText();
      return new Delivery(
          event.path("rawPath").asText() + (query.isEmpty() ? "" : "?" + query),
          event.path("headers").path("content-type").asText(),
          event.path("isBase64Encoded").asBoolean()
              ? Base64.getDecoder().decode(body)
              : body.getBytes(StandardCharsets.UTF_8),
          headers);
    }

    Delivery withHeader(String name, String value) {
      Map<String, String> changed = new java.util.LinkedHashMap<>(headers);
      if (value == null) {
        changed.remove(name);
      } else {
        changed.put(name, value);
      }
      return new Delivery(target, contentType, body, changed);
    }

    Delivery withBody(byte[] other) {
      return new Delivery(target, contentType, other, headers);
    }

    HttpResponse<String> post() throws Exception {
      List<String> flat = new ArrayList<>();
      headers.forEach(
          (k, v) -> {
            flat.add(k);
            flat.add(v);
          });
      return api.post(target, contentType, body, flat.toArray(String[]::new));
    }
  }

  private static Map<String, AttributeValue> storedFrom(String sample) throws Exception {
    HttpResponse<String> response = Delivery.of(sample).post();
    assertEquals(201, response.statusCode(), sample + ": " + response.body());
    assertEquals("received", Api.json(response).get("status").asText());
    return table.submission(Api.json(response).get("id").asText());
  }

  @Test
  void typeformDelivery_isStoredInLesBasques_withItsChoiceMapped() throws Exception {
    Map<String, AttributeValue> item = storedFrom("intake-post-form-typeform.json");
    assertEquals("110", item.get("mrcCode").s());
    assertEquals("need", item.get("category").s());
    assertEquals(false, item.get("distress").bool());
    assertEquals("2026-11-20", item.get("observedOn").s());
    assertEquals("nadia.pelletier@example.org", item.get("reporterEmail").s());
  }

  @Test
  void tallyDelivery_isStoredInJoliette_withDistressFlagged() throws Exception {
    Map<String, AttributeValue> item = storedFrom("intake-post-form-tally.json");
    assertEquals("610", item.get("mrcCode").s());
    assertEquals("concern", item.get("category").s());
    assertTrue(item.get("distress").bool());
  }

  @Test
  void jotformDelivery_isASignUpInLaMatapedia_withRolesFromCheckboxes() throws Exception {
    Map<String, AttributeValue> item = storedFrom("intake-post-form-jotform.json");
    assertEquals("070", item.get("mrcCode").s());
    assertEquals("Sophie", item.get("firstName").s());
    assertEquals("Lavoie", item.get("lastName").s());
    assertEquals("+14186295512", item.get("phone").s());
    assertEquals(Set.of("watch", "support"), Set.copyOf(item.get("roles").ss()));
  }

  @Test
  void googleFormsDelivery_isStoredInLaValleeDeLaGatineau() throws Exception {
    Map<String, AttributeValue> item = storedFrom("intake-post-form-google-forms.json");
    assertEquals("830", item.get("mrcCode").s());
    assertEquals("good_news", item.get("category").s());
  }

  @Test
  void koboDelivery_isASignUpInMatawinie_withSelectMultipleRoles() throws Exception {
    Map<String, AttributeValue> item = storedFrom("intake-post-form-kobotoolbox.json");
    assertEquals("620", item.get("mrcCode").s());
    assertEquals("Rawdon", item.get("municipalityName").s());
    assertEquals(Set.of("watch", "support"), Set.copyOf(item.get("roles").ss()));
  }

  @Test
  void powerAutomateDelivery_goesToTheFormsDefaultMrc() throws Exception {
    Map<String, AttributeValue> item = storedFrom("intake-post-form-power-automate.json");
    assertEquals("080", item.get("mrcCode").s());
    assertTrue(item.get("distress").bool());
  }

  @Test
  void genericJsonDelivery_signedInHex_isStoredInLaMitis() throws Exception {
    Map<String, AttributeValue> item = storedFrom("intake-post-form-json.json");
    assertEquals("090", item.get("mrcCode").s());
    assertEquals("Marché public de Mont-Joli", item.get("place").s());
  }

  @Test
  void htmlPartnerForm_isStoredInRimouskiNeigette() throws Exception {
    Map<String, AttributeValue> item = storedFrom("intake-post-form-html.json");
    assertEquals("100", item.get("mrcCode").s());
    assertTrue(item.get("distress").bool());
  }

  @Test
  void forgedOrMissingSignatures_are401NamingTheHeader_andLeaveTheTableUnchanged()
      throws Exception {
    int before = table.count();
    Delivery typeform = Delivery.of("intake-post-form-typeform.json");
    String tampered =
        new String(typeform.body(), StandardCharsets.UTF_8).replace("Un besoin", "Un bon coup");
    HttpResponse<String> forged =
        typeform.withBody(tampered.getBytes(StandardCharsets.UTF_8)).post();
    assertEquals(401, forged.statusCode(), forged.body());
    assertEquals("Typeform-Signature", Api.json(forged).get("errors").get(0).get("field").asText());
    HttpResponse<String> missing =
        Delivery.of("intake-post-form-tally.json")
            .withHeader("tally-signature", null)
            .withHeader("Accept-Language", "en")
            .post();
    assertEquals(401, missing.statusCode());
    assertTrue(missing.body().contains("Tally-Signature is missing"), missing.body());
    HttpResponse<String> wrongSecret =
        Delivery.of("intake-post-form-power-automate.json")
            .withHeader("x-relais-secret", "guessed")
            .post();
    assertEquals(401, wrongSecret.statusCode());
    assertEquals(before, table.count(), "nothing stored for an unauthenticated delivery");
  }

  @Test
  void theSameDeliveryPostedAgain_answersTheSameId_andLeavesOneRecord() throws Exception {
    Delivery kobo = Delivery.of("intake-post-form-kobotoolbox.json");
    String first = Api.json(kobo.post()).get("id").asText();
    HttpResponse<String> retry = kobo.post();
    assertEquals(201, retry.statusCode(), retry.body());
    assertEquals(first, Api.json(retry).get("id").asText());
    assertEquals(1, table.submissionsWithAttribute("email", "kevin.ottawa@example.org"));
  }

  @Test
  void unknownForm_is404_andAnUnansweredQuestion_isKeptForReview() throws Exception {
    HttpResponse<String> unknown =
        api.postJson("/forms/pas-configure", "{}", "Accept", "application/json");
    assertEquals(404, unknown.statusCode(), unknown.body());
    HttpResponse<String> unmapped =
        api.postForm(
            "/forms/html-partenaire",
            List.of(
                Map.entry("municipalite", "Rimouski"),
                Map.entry("type", "besoin"),
                Map.entry("courriel", "x@example.org")));
    assertEquals(201, unmapped.statusCode(), unmapped.body());
    JsonNode answer = Api.json(unmapped);
    assertEquals("to_review", answer.get("status").asText());
    assertEquals("description", answer.get("unread").get(0).asText());
    Map<String, AttributeValue> item = table.submission(answer.get("id").asText());
    assertEquals("100", item.get("mrcCode").s());
    assertEquals("description", item.get("problems").l().get(0).m().get("field").s());
  }
}
