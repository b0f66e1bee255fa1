package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.dynamodb.DynamoDbFollowUps;
import ca.relais.aws.dynamodb.DynamoDbSubmissionStore;
import ca.relais.core.digest.DigestWeek;
import ca.relais.core.followup.Taken;
import ca.relais.core.intake.ContentFingerprint;
import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.model.Territory;
import ca.relais.core.port.SubmissionStore.DuplicateGuard;
import ca.relais.local.LocalStack;
import ca.relais.local.emulator.SesInbox.CapturedEmail;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The digest on the local stack: a known week (2026-W40) seeded through the real store, its alerts
 * delivered, then the schedule run on demand for that week, twice.
 */
class DigestIT {

  private static final String WEEK = "2026-W40"; // Monday 28 September 2026
  private static final Territory RIMOUSKI =
      new Territory(
          "100",
          "Rimouski-Neigette",
          "01",
          "Bas-Saint-Laurent",
          Optional.empty(),
          Optional.empty());
  private static final Territory LISLET =
      new Territory(
          "170", "L'Islet", "12", "Chaudière-Appalaches", Optional.empty(), Optional.empty());
  private static LocalStack stack;
  private static Api api;

  @BeforeAll
  static void seedAKnownWeek() throws Exception {
    stack = SharedLocalStack.get();
    api = new Api(stack.gatewayEndpoint());
    DynamoDbSubmissionStore store =
        new DynamoDbSubmissionStore(
            stack.dynamoDb(),
            stack.resources().tableName("RelaisTable"),
            SharedLocalStack.personKey());
    Instant tuesday = Instant.parse("2026-09-29T15:00:00Z");
    List<Submission> week =
        List.of(
            observation("O-20260929-DGST0001", RIMOUSKI, Category.CONCERN, true, tuesday),
            observation(
                "O-20260929-DGST0002", RIMOUSKI, Category.NEED, false, tuesday.plusSeconds(60)),
            observation(
                "O-20260929-DGST0003",
                RIMOUSKI,
                Category.GOOD_NEWS,
                false,
                tuesday.plusSeconds(120)),
            signUp(
                "S-20260929-DGST0004",
                RIMOUSKI,
                Set.of(Role.WATCH, Role.SUPPORT),
                tuesday.plusSeconds(180)),
            signUp("S-20260929-DGST0005", RIMOUSKI, Set.of(Role.WATCH), tuesday.plusSeconds(240)),
            observation(
                "O-20260929-DGST0006", LISLET, Category.CONCERN, true, tuesday.plusSeconds(300)),
            observation(
                "O-20260915-DGST0007",
                RIMOUSKI,
                Category.NEED,
                false,
                tuesday.minus(14, ChronoUnit.DAYS)));
    for (Submission s : week) {
      store.save(
          s,
          s.receivedAt().plus(730, ChronoUnit.DAYS),
          new DuplicateGuard(
              ContentFingerprint.sha256(s.id()),
              Optional.empty(),
              s.receivedAt().plus(48, ChronoUnit.HOURS)));
    }
    for (Submission s : week) {
      NotifyIT.awaitEmails(s.id(), 1); // alerts delivered: nothing is "undelivered" in this week
    }
    // the need was taken by the MRC's agent (as the page's button records it)
    new DynamoDbFollowUps(stack.dynamoDb(), stack.resources().tableName("RelaisTable"))
        .take(
            "O-20260929-DGST0002",
            new Taken(
                "Agente Rimouski-Neigette",
                "agente.100@test.example.org",
                Instant.parse("2026-09-29T16:00:00Z")));
  }

  private static Submission observation(
      String id, Territory t, Category c, boolean distress, Instant at) {
    return new Submission(
        id,
        at,
        new Observation(
            t,
            c,
            "Observation " + id + " <b>&</b> é",
            distress,
            Optional.empty(),
            Optional.of("Quartier " + id.substring(id.length() - 2)),
            "eclaireur@example.org",
            Optional.empty(),
            Language.FR));
  }

  private static Submission signUp(String id, Territory t, Set<Role> roles, Instant at) {
    return new Submission(
        id,
        at,
        new SignUp(
            "Prénom" + id.substring(id.length() - 1),
            "Nom",
            id.toLowerCase() + "@example.org",
            Optional.empty(),
            t,
            roles,
            Language.FR,
            Optional.empty(),
            Optional.empty()));
  }

  private static JsonNode runDigest() throws Exception {
    HttpResponse<String> response =
        api.post("/_local/schedules/DigestFunction?week=" + WEEK, null, new byte[0]);
    assertEquals(200, response.statusCode(), response.body());
    return Api.json(response);
  }

  private static List<CapturedEmail> digests() {
    return stack.inbox().emails().stream().filter(e -> e.subject().contains(WEEK)).toList();
  }

  private static CapturedEmail digestTo(String address) {
    List<CapturedEmail> found = digests().stream().filter(e -> e.to().contains(address)).toList();
    assertEquals(1, found.size(), "one digest to " + address);
    return found.get(0);
  }

  @Test
  void
      eachAgentGetsOneDigestWithTheWeeksCounts_regionTeamsARollUp_idleMrcsSaySo_andASecondRunSendsNothing()
          throws Exception {
    JsonNode first = runDigest();
    assertEquals(WEEK, first.get("week").asText());
    assertEquals(0, first.get("failedScopes").size());

    CapturedEmail anne = digestTo("agente.100@test.example.org");
    assertEquals("Relais · Résumé de la semaine 2026-W40 · MRC Rimouski-Neigette", anne.subject());
    assertTrue(anne.text().contains("du 28 septembre 2026 au 4 octobre 2026"), anne.text());
    assertTrue(anne.text().contains("Signalements de vigie (3)"));
    assertTrue(anne.text().contains("Nouveaux éclaireurs (2)"));
    assertTrue(anne.text().contains("Effectuer de la vigie communautaire : 2"));
    assertTrue(anne.text().contains("Offrir un soutien initial : 1"));
    assertTrue(
        anne.text().indexOf("O-20260929-DGST0001")
            < anne.text().indexOf("Signalements de vigie (3)"),
        "distress first");
    assertTrue(
        anne.text().contains("2026-W38 : Inscriptions 0, Signalements 1, Détresse 0"), anne.text());
    assertTrue(anne.text().contains("2026-W40 : Inscriptions 2, Signalements 3, Détresse 1"));
    assertTrue(anne.html().contains("&lt;b&gt;&amp;&lt;/b&gt; é"), "escaped");
    assertTrue(
        !anne.text().contains("n’a pas pu être livrée"), "every alert of the week was delivered");

    assertTrue(
        digestTo("backup.100@test.example.org")
            .subject()
            .startsWith("Relais · Weekly digest 2026-W40"));
    assertTrue(
        digestTo("agent.090@test.example.org").text().contains("Aucune activité cette semaine"));

    CapturedEmail bsl = digestTo("equipe.01@test.example.org");
    assertTrue(bsl.text().contains("Rimouski-Neigette | 2 | 1 | 1 | 1 | 1"), bsl.text());
    assertTrue(bsl.text().contains("La Mitis | 0 | 0 | 0 | 0 | 0"));
    CapturedEmail region12 = digestTo("equipe.12@test.example.org");
    assertTrue(region12.text().contains("L'Islet | 0 | 1 | 0 | 0 | 1"), region12.text());
    // the distress reference names the MRC and the day, not the category (schema: REGION_DIGEST)
    assertTrue(region12.text().contains("  - L'Islet · "), region12.text());
    assertFalse(region12.text().contains("L'Islet · Préoccupation"), region12.text());

    // every item says whether and by whom it was taken, untaken first, with the éclaireur's contact
    assertTrue(
        anne.text()
            .contains(
                "(réf. O-20260929-DGST0002) · pris en charge par Agente Rimouski-Neigette le 29"
                    + " septembre 2026"),
        anne.text());
    assertTrue(
        anne.text().contains("(réf. O-20260929-DGST0003) · NON PRIS EN CHARGE · Éclaireur : "),
        anne.text());
    assertTrue(anne.text().contains("(réf. O-20260929-DGST0001) · NON PRIS EN CHARGE"));

    // L'Islet has no agent: its report is listed in the program's digest and its region's
    CapturedEmail program = digestTo("programme@test.example.org");
    assertTrue(program.text().contains("MRC L'Islet · Chaudière-Appalaches"), program.text());
    assertTrue(
        program.text().contains("(réf. O-20260929-DGST0006) · NON PRIS EN CHARGE"), program.text());
    assertFalse(program.text().contains("DGST0001"), "Rimouski-Neigette has its own agents");
    assertTrue(region12.text().contains("(réf. O-20260929-DGST0006) · NON PRIS EN CHARGE"));

    int sent = digests().size();
    assertEquals(first.get("sent").asInt(), sent);
    JsonNode second = runDigest();
    assertEquals(0, second.get("sent").asInt());
    assertEquals(sent, second.get("alreadySent").asInt());
    assertEquals(sent, digests().size(), "nothing sent twice");
  }

  @Test
  void anInvalidWeekIsRefusedWithAMessage() throws Exception {
    HttpResponse<String> response =
        api.post("/_local/schedules/DigestFunction?week=2026-W99", null, new byte[0]);
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(response.body().contains("ISO week"), response.body());
  }

  @Test
  void theCurrentWeekIsRefusedAndNothingIsClaimed_thenItsPreviewSendsMarkedDigests()
      throws Exception {
    String current =
        DigestWeek.previous(Instant.now().plus(java.time.Duration.ofDays(7))).toString();
    // other tests of the shared stack may have sent previews of the current week already
    int inboxBefore = stack.inbox().emails().size();
    HttpResponse<String> refused =
        api.post("/_local/schedules/DigestFunction?week=" + current, null, new byte[0]);
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("week_not_ended"), refused.body());
    String ledgerId = "DIGEST#" + current + "#100";
    assertTrue(
        stack
            .dynamoDb()
            .query(
                r ->
                    r.tableName(stack.resources().tableName("RelaisTable"))
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(
                            java.util.Map.of(
                                ":pk",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                    "SENT#" + ledgerId))))
            .items()
            .isEmpty(),
        "nothing claimed for the unfinished week");
    assertTrue(
        stack.inbox().emails().stream()
            .skip(inboxBefore)
            .noneMatch(e -> e.subject().contains(current)),
        "nothing sent");

    HttpResponse<String> preview =
        api.post(
            "/_local/schedules/DigestFunction?week=" + current + "&preview=true",
            null,
            new byte[0]);
    assertEquals(200, preview.statusCode(), preview.body());
    assertTrue(Api.json(preview).get("preview").asBoolean());
    List<CapturedEmail> previews =
        stack.inbox().emails().stream()
            .skip(inboxBefore)
            .filter(e -> e.subject().contains(current))
            .toList();
    assertFalse(previews.isEmpty());
    assertTrue(
        previews.stream()
            .allMatch(
                e -> e.subject().startsWith("[APERÇU]") || e.subject().startsWith("[PREVIEW]")),
        previews.get(0).subject());
  }
}
