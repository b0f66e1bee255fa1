package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.LocalStack;
import ca.relais.local.emulator.SesInbox.CapturedEmail;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Inputs people and tools really send (issue 13), through the local stack: what is refused stores
 * nothing and names the field; what is accepted reaches the agent as the person typed it.
 */
class RealInputsIT {

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

  private static ObjectNode signUp(String email) {
    ObjectNode body = JSON.createObjectNode();
    body.put("firstName", "Jean");
    body.put("lastName", "Tremblay");
    body.put("email", email);
    body.put("mrc", "100");
    body.putArray("roles").add("watch");
    body.put("consent", true);
    return body;
  }

  private static String accepted(String path, ObjectNode body) throws Exception {
    HttpResponse<String> response = api.postJson(path, body.toString());
    assertEquals(201, response.statusCode(), response.body());
    return Api.json(response).get("id").asText();
  }

  /** A 400 naming exactly this field, in French and in English, and nothing stored. */
  private static void refused(String path, ObjectNode body, String field, String french)
      throws Exception {
    int before = table.count();
    HttpResponse<String> fr = api.postJson(path, body.toString());
    assertEquals(400, fr.statusCode(), fr.body());
    JsonNode errors = Api.json(fr).get("errors");
    assertEquals(1, errors.size(), fr.body());
    assertEquals(field, errors.get(0).get("field").asText(), fr.body());
    assertTrue(errors.get(0).get("message").asText().startsWith(french), fr.body());
    HttpResponse<String> en = api.postJson(path, body.toString(), "Accept-Language", "en");
    assertEquals(field, Api.json(en).get("errors").get(0).get("field").asText(), en.body());
    assertEquals(before, table.count(), "nothing stored for " + body);
  }

  @Test
  void lineBreaksAndInvisibleCharactersInOneLineFieldsAreRefused() throws Exception {
    Map<String, String> values =
        Map.of(
            "firstName", "Jean\r\nCourriel : faux@example.org",
            "lastName", "Tremblay\u0085Bcc: x@example.org",
            "mrc", "100\u200B",
            "availability", "Soirs\u202E");
    for (Map.Entry<String, String> value : values.entrySet()) {
      ObjectNode body = signUp("jean.tremblay@example.org");
      body.put(value.getKey(), value.getValue());
      refused("/signups", body, value.getKey(), "Ce champ doit tenir sur une seule ligne");
    }
  }

  @Test
  void misplacedDotsInAddressesAreRefused() throws Exception {
    for (String address :
        List.of("prenom.nom.@example.org", "a..b@example.org", ".x@example.org")) {
      refused("/signups", signUp(address), "email", "Entrez une adresse courriel valide");
    }
  }

  @Test
  void aPhoneExtensionIsStored_andShownToTheAgent() throws Exception {
    ObjectNode body = signUp("poste.douze@example.org");
    body.put("phone", "(418) 555-0142 poste 12");
    String id = accepted("/signups", body);
    assertEquals("+14185550142;ext=12", table.submission(id).get("phone").s());
    List<CapturedEmail> emails = NotifyIT.awaitEmails(id, 3);
    CapturedEmail french =
        emails.stream()
            .filter(e -> e.to().contains("agente.100@test.example.org"))
            .findFirst()
            .orElseThrow();
    assertTrue(french.text().contains("Téléphone : +1 418-555-0142, poste 12"), french.text());
    CapturedEmail english =
        emails.stream()
            .filter(e -> e.to().contains("backup.100@test.example.org"))
            .findFirst()
            .orElseThrow();
    assertTrue(english.text().contains("+1 418-555-0142, ext. 12"), english.text());
  }

  @Test
  void oneConfirmationPerAddressPerDay_butAnAlertForEachSignUp() throws Exception {
    String address = "une.fois@example.org";
    String first = accepted("/signups", signUp(address));
    ObjectNode again = signUp("Une.Fois@example.org");
    again.put("firstName", "Jean-Pierre");
    String second = accepted("/signups", again);
    assertFalse(first.equals(second), "two sign-ups");
    NotifyIT.awaitEmails(first, 3);
    NotifyIT.awaitEmails(second, 2);
    List<CapturedEmail> secondEmails = NotifyIT.settledEmails(second);
    assertEquals(2, secondEmails.size(), "the agents' alerts only: " + secondEmails);
    assertTrue(
        secondEmails.stream()
            .noneMatch(e -> e.to().stream().anyMatch(to -> to.equalsIgnoreCase(address))));
  }

  @Test
  void anObservationWithoutAName_showsTheAddressAlone() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("mrc", "100");
    body.put("category", "need");
    body.put("description", "Ligne 1\nLigne 2\n\tfin");
    body.put("reporterEmail", "sans.nom@example.org");
    String id = accepted("/observations", body);
    assertEquals("Ligne 1\nLigne 2\n\tfin", table.submission(id).get("description").s());
    CapturedEmail alert = NotifyIT.awaitEmails(id, 1).get(0);
    String text = alert.text().replace("\r\n", "\n");
    assertTrue(text.contains("\nÉclaireur : sans.nom@example.org\n"), text);
    assertFalse(text.contains("<sans.nom@example.org>"), text);
  }

  @Test
  void anEmptyFileInputOfAPartnersHtmlForm_isSkipped() throws Exception {
    String boundary = "----PartnerForm" + System.nanoTime();
    String body =
        part(boundary, "firstName", "Jean")
            + part(boundary, "lastName", "Tremblay")
            + part(boundary, "email", "fichier.vide@example.org")
            + part(boundary, "mrc", "100")
            + part(boundary, "roles", "watch")
            + part(boundary, "consent", "on")
            + "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"piece_jointe\"; filename=\"\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n\r\n"
            + "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"photo.jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\n\u00ff\u00d8\u00ff\u00e0JFIF\r\n"
            + "--"
            + boundary
            + "--\r\n";
    HttpResponse<String> response =
        api.post(
            "/signups",
            "multipart/form-data; boundary=" + boundary,
            body.getBytes(StandardCharsets.UTF_8));
    assertEquals(201, response.statusCode(), response.body());
    Map<String, AttributeValue> stored = table.submission(Api.json(response).get("id").asText());
    assertEquals("fichier.vide@example.org", stored.get("email").s());
  }

  private static String part(String boundary, String name, String value) {
    return "--"
        + boundary
        + "\r\nContent-Disposition: form-data; name=\""
        + name
        + "\"\r\n\r\n"
        + value
        + "\r\n";
  }
}
