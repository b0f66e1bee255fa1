package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.followup.TakeLinks;
import ca.relais.local.LocalStack;
import ca.relais.local.emulator.SesInbox.CapturedEmail;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Closing the loop on the local stack, whose escalation delay is 3 s ({@code EscalationMinutes}
 * 0.05, see {@link SharedLocalStack}): a distress report nobody takes goes to the MRC's backup,
 * then the region's team, then the program inbox, once each; one taken through the page stops;
 * opening the link takes nothing; forged and expired links are refused.
 */
class EscalationIT {

  private static final Duration PATIENCE = Duration.ofSeconds(40);
  private static final Pattern LINK =
      Pattern.compile("https?://[^/\\s]+(/pris-en-charge\\?t=\\S+)");
  private static final String PRIMARY = "agente.100@test.example.org";
  private static final String BACKUP = "backup.100@test.example.org";
  private static final String REGION = "equipe.01@test.example.org";
  private static final String PROGRAM = "programme@test.example.org";

  private static LocalStack stack;
  private static Api api;

  @BeforeAll
  static void start() {
    stack = SharedLocalStack.get();
    api = new Api(stack.gatewayEndpoint());
  }

  private static String postDistress(String text) throws Exception {
    HttpResponse<String> response =
        api.postJson(
            "/observations",
            """
            {"mrc": "100", "category": "concern", "description": "%s", "distress": true,
             "reporterEmail": "eclaireur.escalade@example.org", "reporterName": "Léa Gagnon"}
            """
                .formatted(text));
    assertEquals(201, response.statusCode(), response.body());
    return Api.json(response).get("id").asText();
  }

  private static List<CapturedEmail> emailsOf(String id) {
    return stack.inbox().emails().stream().filter(e -> e.subject().contains(id)).toList();
  }

  private static List<CapturedEmail> emailsTo(String id, String address) {
    return emailsOf(id).stream().filter(e -> e.to().contains(address)).toList();
  }

  /** Runs the escalation schedule now, as EventBridge Scheduler would at its next minute. */
  private static void runEscalation() throws Exception {
    HttpResponse<String> response =
        api.post("/_local/schedules/EscalateFunction", null, new byte[0]);
    assertEquals(200, response.statusCode(), response.body());
  }

  /** Runs the schedule until an email of the report reaches the address. */
  private static CapturedEmail awaitEscalationTo(String id, String address) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      List<CapturedEmail> found = emailsTo(id, address);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      runEscalation();
      Thread.sleep(500);
    }
    throw new AssertionError("no escalation of " + id + " to " + address + ": " + emailsOf(id));
  }

  private static CapturedEmail awaitAlertTo(String id, String address) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      List<CapturedEmail> found = emailsTo(id, address);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no alert of " + id + " to " + address);
  }

  private static String linkIn(CapturedEmail email) {
    Matcher m = LINK.matcher(email.text());
    assertTrue(m.find(), "a take link in " + email.text());
    return m.group(1);
  }

  private static Map<String, AttributeValue> item(String id) {
    return stack
        .dynamoDb()
        .getItem(
            r ->
                r.tableName(stack.resources().tableName("RelaisTable"))
                    .key(
                        Map.of(
                            "pk", AttributeValue.fromS("SUB#" + id),
                            "sk", AttributeValue.fromS("SUBMISSION")))
                    .consistentRead(true))
        .item();
  }

  private static HttpResponse<String> press(String pathAndQuery) throws Exception {
    String token = pathAndQuery.substring(pathAndQuery.indexOf("?t=") + 3);
    return api.postForm("/pris-en-charge", List.of(Map.entry("t", token)));
  }

  @Test
  void untakenDistress_goesToTheBackupThenTheRegionThenTheProgram_onceEach() throws Exception {
    String id = postDistress("Personne isolée qui parle de disparaître.");
    CapturedEmail first = awaitAlertTo(id, PRIMARY);
    assertTrue(first.subject().startsWith("[URGENT"), first.subject());
    assertTrue(emailsTo(id, BACKUP).isEmpty(), "the backup is the first escalation");

    CapturedEmail backup = awaitEscalationTo(id, BACKUP);
    assertTrue(backup.subject().startsWith("[ESCALATION]"), backup.subject()); // agent in English
    assertTrue(backup.text().contains(PRIMARY), "says who was alerted before: " + backup.text());
    assertTrue(emailsTo(id, REGION).isEmpty(), "one level at a time");

    CapturedEmail region = awaitEscalationTo(id, REGION);
    assertTrue(region.text().contains(PRIMARY) && region.text().contains(BACKUP), region.text());

    CapturedEmail program = awaitEscalationTo(id, PROGRAM);
    assertTrue(program.subject().startsWith("[ESCALADE]"), program.subject());
    assertTrue(
        program.text().contains(PRIMARY)
            && program.text().contains(BACKUP)
            && program.text().contains(REGION),
        program.text());

    // the ladder ends: more runs after more delays send nothing more
    for (int i = 0; i < 3; i++) {
      Thread.sleep(1500);
      runEscalation();
    }
    for (String address : List.of(PRIMARY, BACKUP, REGION, PROGRAM)) {
      assertEquals(1, emailsTo(id, address).size(), "one email to " + address);
    }
    assertEquals(4, emailsOf(id).size());
    assertFalse(item(id).containsKey("dueSk"), "left the open index");
  }

  @Test
  void anUntakenDistressReportKeptForReview_goesToTheMrcThenTheRegionThenTheProgram()
      throws Exception {
    // a partner's form in MRC 100 (Rimouski) whose category does not read: kept for review
    HttpResponse<String> response =
        api.postForm(
            "/forms/html-partenaire",
            List.of(
                Map.entry("municipalite", "Rimouski"),
                Map.entry("type", "autre chose"),
                Map.entry("description", "Une voisine parle de ne plus vouloir vivre."),
                Map.entry("detresse", "oui"),
                Map.entry("courriel", "voisin.escalade@example.org")),
            "Accept",
            "application/json");
    assertEquals(201, response.statusCode(), response.body());
    assertEquals("to_review", Api.json(response).get("status").asText());
    String id = Api.json(response).get("id").asText();
    CapturedEmail first = awaitAlertTo(id, PRIMARY);
    assertTrue(first.subject().startsWith("[URGENT"), first.subject());
    awaitAlertTo(id, BACKUP); // a report to review goes to all its MRC's agents at once
    String link = linkIn(first);

    CapturedEmail region = awaitEscalationTo(id, REGION);
    // the region's team reads English
    assertTrue(region.subject().startsWith("[ESCALATION] [URGENT"), region.subject());
    assertTrue(region.text().contains(PRIMARY) && region.text().contains(BACKUP), region.text());
    assertTrue(region.text().contains("Une voisine parle"), "the answers as received");
    CapturedEmail program = awaitEscalationTo(id, PROGRAM);
    assertTrue(program.text().contains(REGION), program.text());

    // taken at last, through the first alert's link
    assertEquals(200, press(link).statusCode());
    assertTrue(item(id).containsKey("takenAt"), "taken: " + item(id).keySet());
  }

  @Test
  void openingTheLinkTakesNothing_theButtonDoes_andATakenReportIsNotEscalated() throws Exception {
    String id = postDistress("Voisin en grande détresse depuis son deuil.");
    String primaryLink = linkIn(awaitAlertTo(id, PRIMARY));

    // a mail scanner or a link preview fetches the link: the page, never a taking
    HttpResponse<String> page = api.get(primaryLink);
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains(id) && page.body().contains("<form method=\"post\""));
    assertTrue(page.body().contains("Je m’en occupe"));
    assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
    assertFalse(item(id).containsKey("takenAt"), "a GET records nothing");

    // nobody pressed the button: the backup gets it, with its own link
    CapturedEmail backup = awaitEscalationTo(id, BACKUP);
    HttpResponse<String> taken = press(linkIn(backup));
    assertEquals(200, taken.statusCode(), taken.body());
    assertTrue(taken.body().contains("Backup Rimouski-Neigette"), taken.body());
    assertEquals(BACKUP, item(id).get("takenByEmail").s());

    // a second click, by the primary, shows who took it and when
    HttpResponse<String> second = press(primaryLink);
    assertEquals(200, second.statusCode());
    assertTrue(second.body().contains("déjà été pris en charge par Backup Rimouski-Neigette"));
    HttpResponse<String> again = api.get(primaryLink);
    assertTrue(again.body().contains("Backup Rimouski-Neigette"), again.body());
    assertFalse(again.body().contains("<form"), "no button once taken");

    // the region is never alerted: taken before its turn
    for (int i = 0; i < 4; i++) {
      Thread.sleep(1500);
      runEscalation();
    }
    assertTrue(emailsTo(id, REGION).isEmpty(), "a taken report is not escalated");
    assertTrue(emailsTo(id, PROGRAM).isEmpty());
  }

  @Test
  void forgedAndExpiredLinksAreRefusedWithAPage_andTakeNothing() throws Exception {
    String id = postDistress("Signes de détresse chez un proche aidant épuisé.");
    String link = linkIn(awaitAlertTo(id, PRIMARY));
    String token = link.substring(link.indexOf("?t=") + 3);

    // another recipient's key with the same signature: tampered
    String tampered = token.replaceFirst("\\.[0-9a-f]{64}\\.", "." + "0".repeat(64) + ".");
    for (HttpResponse<String> refused :
        List.of(
            api.get("/pris-en-charge?t=" + tampered),
            api.postForm("/pris-en-charge", List.of(Map.entry("t", tampered))),
            api.get("/pris-en-charge?t=" + token.substring(0, token.length() - 2) + "xx"),
            api.get("/pris-en-charge"))) {
      assertEquals(400, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("n’est pas valide"), refused.body());
      assertTrue(refused.body().contains("is not valid"), "bilingual");
      assertFalse(refused.body().contains("Exception"));
    }

    // signed with the stack's key, but its time ran out
    String secret = System.getProperty("relais.env.TAKE_LINK_SECRET");
    TakeLinks stackLinks = new TakeLinks(secret, "", Duration.ofSeconds(1));
    String expired =
        stackLinks.token(id, stackLinks.recipientKey(PRIMARY), Instant.now().minusSeconds(60));
    HttpResponse<String> old = api.postForm("/pris-en-charge", List.of(Map.entry("t", expired)));
    assertEquals(410, old.statusCode(), old.body());
    assertTrue(old.body().contains("expiré"), old.body());
    assertEquals(410, api.get("/pris-en-charge?t=" + expired).statusCode());

    assertFalse(item(id).containsKey("takenAt"), "nothing taken");
  }
}
