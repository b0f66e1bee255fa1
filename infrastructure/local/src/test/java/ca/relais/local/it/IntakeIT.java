package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Posts through the local gateway with a real HTTP client and reads DynamoDB Local back. */
class IntakeIT {

  private static LocalStack stack;
  private static Api api;
  private static StoredItems table;

  @BeforeAll
  static void start() {
    stack = SharedLocalStack.get();
    api = new Api(stack.gatewayEndpoint());
    table = new StoredItems(stack);
  }

  private static String signUpJson(String email) {
    return """
        {"firstName": "Marie-Ève", "lastName": "Côté", "email": "%s",
         "phone": "418 555-0123", "municipality": "Saint-Jean-Port-Joli",
         "roles": ["watch", "support"], "consent": true, "language": "fr",
         "message": "Je connais <bien> les organismes & le milieu."}
        """
        .formatted(email);
  }

  @Test
  void jsonSignUpWithAccents_isStoredWithItsMrcAndRegion() throws Exception {
    HttpResponse<String> response =
        api.postJson("/signups", signUpJson("marie-eve.json@example.org"));
    assertEquals(201, response.statusCode(), response.body());
    JsonNode body = Api.json(response);
    assertEquals("received", body.get("status").asText());
    Map<String, AttributeValue> item = table.submission(body.get("id").asText());
    assertEquals("Marie-Ève", item.get("firstName").s());
    assertEquals("Côté", item.get("lastName").s());
    assertEquals("+14185550123", item.get("phone").s());
    assertEquals("170", item.get("mrcCode").s());
    assertEquals("L'Islet", item.get("mrcName").s());
    assertEquals("12", item.get("regionCode").s());
    assertEquals("Saint-Jean-Port-Joli", item.get("municipalityName").s());
    assertEquals(Set.of("watch", "support"), Set.copyOf(item.get("roles").ss()));
    assertEquals("MRC#170", item.get("gsi1pk").s());
    assertTrue(
        Long.parseLong(item.get("expiresAt").n())
            > System.currentTimeMillis() / 1000 + 365 * 86400L);
  }

  @Test
  void formEncodedObservation_isStoredWithTheMrcTypedByName() throws Exception {
    HttpResponse<String> response =
        api.postForm(
            "/observations",
            List.of(
                Map.entry("mrc", "MRC de Rimouski-Neigette"),
                Map.entry("category", "need"),
                Map.entry("description", "Besoin de transport — trois familles à Sainte-Blandine."),
                Map.entry("distress", "on"),
                Map.entry("reporterEmail", "eclaireur.form@example.org")),
            "Accept",
            "application/json");
    assertEquals(201, response.statusCode(), response.body());
    Map<String, AttributeValue> item = table.submission(Api.json(response).get("id").asText());
    assertEquals("100", item.get("mrcCode").s());
    assertEquals("Rimouski-Neigette", item.get("mrcName").s());
    assertEquals("01", item.get("regionCode").s());
    assertEquals("need", item.get("category").s());
    assertTrue(item.get("distress").bool());
    assertEquals(
        "Besoin de transport — trois familles à Sainte-Blandine.", item.get("description").s());
  }

  @Test
  void multipartSignUp_withMunicipalityTypedLoosely() throws Exception {
    HttpResponse<String> response =
        api.postMultipart(
            "/signups",
            List.of(
                Map.entry("firstName", "Élise"),
                Map.entry("lastName", "Bélanger"),
                Map.entry("email", "elise@example.org"),
                Map.entry("municipality", "ste anne des monts"),
                Map.entry("roles", "promote"),
                Map.entry("roles", "initiatives"),
                Map.entry("consent", "on"),
                Map.entry("language", "en")));
    assertEquals(201, response.statusCode(), response.body());
    Map<String, AttributeValue> item = table.submission(Api.json(response).get("id").asText());
    assertEquals("Élise", item.get("firstName").s());
    assertEquals("040", item.get("mrcCode").s());
    assertEquals("Sainte-Anne-des-Monts", item.get("municipalityName").s());
    assertEquals("en", item.get("language").s());
  }

  @Test
  void browserFormPost_isRedirectedToAThankYouPageShowingTheReference() throws Exception {
    HttpResponse<String> response =
        api.postForm(
            "/observations",
            List.of(
                Map.entry("municipality", "Rimouski"),
                Map.entry("category", "good_news"),
                Map.entry("description", "Un nouveau groupe d'entraide a vu le jour."),
                Map.entry("reporterEmail", "browser@example.org"),
                Map.entry("language", "en")),
            "Accept",
            "text/html,application/xhtml+xml");
    assertEquals(303, response.statusCode());
    String location = response.headers().firstValue("Location").orElseThrow();
    String id = location.replaceAll(".*id=([^&]+).*", "$1");
    table.submission(id);
    HttpResponse<String> page = api.get(location);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains(id));
    assertTrue(page.body().contains("Thank you"), "English page for an English form");
  }

  @Test
  void doublePost_answersTheSameId_andLeavesOneRecord() throws Exception {
    String json = signUpJson("double.click@example.org");
    String first = Api.json(api.postJson("/signups", json)).get("id").asText();
    HttpResponse<String> again = api.postJson("/signups", json.replace("Marie-Ève", "MARIE-EVE"));
    assertEquals(201, again.statusCode());
    assertEquals(first, Api.json(again).get("id").asText());
    assertEquals(1, table.submissionsWithAttribute("email", "double.click@example.org"));
  }

  @Test
  void retryWithSameIdempotencyKey_answersTheSameId_andOtherContentIs422() throws Exception {
    String body =
        "{\"mrc\":\"100\",\"category\":\"concern\",\"description\":\"Retry test\",\"reporterEmail\":\"retry@example.org\"}";
    String first =
        Api.json(api.postJson("/observations", body, "Idempotency-Key", "evt-123"))
            .get("id")
            .asText();
    assertEquals(
        first,
        Api.json(api.postJson("/observations", body, "Idempotency-Key", "evt-123"))
            .get("id")
            .asText());
    HttpResponse<String> reused =
        api.postJson(
            "/observations",
            body.replace("Retry test", "Other text"),
            "Idempotency-Key",
            "evt-123");
    assertEquals(422, reused.statusCode());
    assertEquals("Idempotency-Key", Api.json(reused).get("errors").get(0).get("field").asText());
    assertEquals(1, table.submissionsWithAttribute("reporterEmail", "retry@example.org"));
  }

  @Test
  void honeypot_looksLikeSuccess_andStoresNothing() throws Exception {
    int before = table.count();
    HttpResponse<String> response =
        api.postJson(
            "/signups",
            signUpJson("bot@example.org")
                .replace("\"consent\": true", "\"consent\": true, \"website\": \"http://spam\""));
    assertEquals(201, response.statusCode());
    assertFalse(Api.json(response).get("id").asText().isEmpty());
    assertEquals(before, table.count());
  }

  @Test
  void badInputsOfManyKinds_get4xxNamingTheField_andLeaveTheTableUnchanged() throws Exception {
    int before = table.count();
    record Case(String contentType, String body, int status, String field) {}
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("application/json", "{}", 400, "firstName"));
    cases.add(new Case("application/json", signUpJson("bad-email"), 400, "email"));
    cases.add(
        new Case(
            "application/json",
            signUpJson("a@example.org").replace("Saint-Jean-Port-Joli", "Atlantide"),
            400,
            "municipality"));
    cases.add(
        new Case(
            "application/json",
            signUpJson("a@example.org")
                .replace("\"municipality\"", "\"mrc\"")
                .replace("Saint-Jean-Port-Joli", "998"),
            400,
            "mrc"));
    cases.add(
        new Case(
            "application/json",
            signUpJson("a@example.org").replace("Saint-Jean-Port-Joli", "Saint-Lambert"),
            400,
            "municipality"));
    cases.add(
        new Case(
            "application/json",
            signUpJson("a@example.org").replace("\"watch\", \"support\"", "\"dance\""),
            400,
            "roles"));
    cases.add(
        new Case(
            "application/json",
            signUpJson("a@example.org").replace("\"consent\": true", "\"consent\": false"),
            400,
            "consent"));
    cases.add(
        new Case(
            "application/json",
            signUpJson("a@example.org").replace("\"language\": \"fr\"", "\"language\": \"de\""),
            400,
            "language"));
    cases.add(
        new Case(
            "application/json",
            signUpJson("a@example.org").replace("\"language\": \"fr\"", "\"isAdmin\": true"),
            400,
            // a field the form does not know is named by its position, never by its name
            "#"));
    cases.add(
        new Case(
            "application/json",
            signUpJson("a@example.org").replace("418 555-0123", "12"),
            400,
            "phone"));
    cases.add(new Case("application/json", "{\"firstName\": ", 400, "body"));
    cases.add(new Case("application/json", "[1, 2]", 400, "body"));
    cases.add(new Case("application/json", "{\"firstName\": {\"a\": 1}}", 400, "firstName"));
    cases.add(new Case("text/plain", "firstName=x", 415, "Content-Type"));
    cases.add(new Case(null, "{}", 415, "Content-Type"));
    cases.add(
        new Case("application/json", "{\"message\": \"" + "x".repeat(40_000) + "\"}", 413, "body"));
    cases.add(new Case("multipart/form-data", "--x\r\n", 400, "body"));
    for (Case c : cases) {
      HttpResponse<String> response =
          api.post("/signups", c.contentType(), c.body().getBytes(StandardCharsets.UTF_8));
      assertEquals(c.status(), response.statusCode(), c + " → " + response.body());
      JsonNode errors = Api.json(response).get("errors");
      List<String> fields = new ArrayList<>();
      errors.forEach(e -> fields.add(e.get("field").asText()));
      assertTrue(
          c.field().equals("#")
              ? fields.stream().anyMatch(f -> f.matches("#\\d+"))
                  && !response.body().contains("isAdmin")
              : fields.contains(c.field()),
          c + " → " + response.body());
      errors.forEach(e -> assertFalse(e.get("message").asText().isBlank()));
      assertFalse(response.body().contains("Exception"), response.body());
    }
    assertEquals(before, table.count(), "nothing stored for bad input");
  }

  @Test
  void observationErrors_inFrenchByDefault_andEnglishOnRequest() throws Exception {
    String body =
        "{\"mrc\":\"100\",\"category\":\"rumour\",\"description\":\"x\",\"reporterEmail\":\"a@example.org\",\"observedOn\":\"2999-01-01\"}";
    JsonNode fr = Api.json(api.postJson("/observations", body));
    JsonNode en = Api.json(api.postJson("/observations", body, "Accept-Language", "en"));
    Map<String, String> frMessages = messages(fr);
    Map<String, String> enMessages = messages(en);
    assertEquals(Set.of("category", "observedOn"), frMessages.keySet());
    assertEquals("La date ne peut pas être dans le futur.", frMessages.get("observedOn"));
    assertEquals("The date cannot be in the future.", enMessages.get("observedOn"));
  }

  @Test
  void unknownRoute_is404_andNotAFunctionError() throws Exception {
    assertEquals(404, api.postJson("/nowhere", "{}").statusCode());
    assertEquals(404, api.get("/signups").statusCode());
  }

  @Test
  void storedSubmission_appearsOnTheTableStream_forTheNextStage() throws Exception {
    String id =
        Api.json(api.postJson("/signups", signUpJson("stream@example.org"))).get("id").asText();
    List<software.amazon.awssdk.services.dynamodb.model.Record> records = table.streamRecordsOf(id);
    assertNotEquals(List.of(), records);
    for (var record : records) {
      // keys only: no attribute of the submission leaves the table through the stream
      assertEquals(false, record.dynamodb().hasNewImage(), record.toString());
      assertEquals(false, record.toString().contains("stream@example.org"), record.toString());
    }
  }

  private static Map<String, String> messages(JsonNode body) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    body.get("errors").forEach(e -> out.put(e.get("field").asText(), e.get("message").asText()));
    return out;
  }
}
