package ca.relais.core.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.model.Language;
import ca.relais.core.model.Submission;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.Scope;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.testing.InMemoryRoutingDirectory;
import ca.relais.core.testing.InMemorySentLedger;
import ca.relais.core.testing.InMemorySubmissionStore;
import ca.relais.core.testing.RecordingMailer;
import ca.relais.core.testing.Samples;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestServiceTest {

  private static final DigestWeek W47 = DigestWeek.parse("2026-W47").orElseThrow();
  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final RecordingMailer mailer = new RecordingMailer();
  private final InMemorySentLedger ledger = new InMemorySentLedger();
  private final ca.relais.core.testing.InMemoryFollowUps followUps =
      new ca.relais.core.testing.InMemoryFollowUps();
  private final DigestService digest =
      new DigestService(
          store,
          new InMemoryRoutingDirectory(
              List.of(
                  new RelayAgent(
                      Scope.mrc("100"), "anne@example.org", "Anne", Language.FR, AgentRole.PRIMARY),
                  new RelayAgent(
                      Scope.mrc("100"), "bob@example.org", "Bob", Language.EN, AgentRole.BACKUP),
                  new RelayAgent(
                      Scope.mrc("080"),
                      "matanie@example.org",
                      "Matanie",
                      Language.FR,
                      AgentRole.PRIMARY),
                  new RelayAgent(
                      Scope.region("01"), "bsl@example.org", "BSL", Language.FR, AgentRole.PRIMARY),
                  new RelayAgent(
                      Scope.program(),
                      "program@example.org",
                      "Programme",
                      Language.FR,
                      AgentRole.PRIMARY))),
          TerritoryDirectory.loadDefault(),
          new DigestRenderer(),
          mailer,
          ledger,
          Clock.fixed(Instant.parse("2026-11-23T13:00:00Z"), ZoneOffset.UTC),
          followUps);

  private void store(Submission s, Instant at) {
    Submission moved = new Submission(s.id(), at, s.content());
    store.submissions.put(moved.id(), moved);
  }

  private EmailMessage to(String address) {
    return mailer.sent.stream()
        .filter(e -> e.to().equals(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError("nothing to " + address));
  }

  @Test
  void eachAgentGetsTheirMrcsWeek_distressFirst_withCountsTrendAndNoPersonalDataInSubject() {
    store(
        Samples.observation("O-1", Samples.RIMOUSKI, true), Instant.parse("2026-11-17T15:00:00Z"));
    store(
        Samples.observation("O-2", Samples.RIMOUSKI, false), Instant.parse("2026-11-18T15:00:00Z"));
    store(
        Samples.signUp("S-1", Samples.RIMOUSKI, Language.FR),
        Instant.parse("2026-11-19T15:00:00Z"));
    store(
        Samples.observation("O-0", Samples.RIMOUSKI, false),
        Instant.parse("2026-11-03T15:00:00Z")); // W45
    DigestService.Result result = digest.run(W47);
    assertTrue(result.complete());
    assertEquals(5, result.sent(), "anne, bob, matanie, the BSL team, the program inbox");
    EmailMessage anne = to("anne@example.org");
    assertEquals("Relais · Résumé de la semaine 2026-W47 · MRC Rimouski-Neigette", anne.subject());
    assertTrue(
        anne.text().indexOf("Signes de détresse")
            < anne.text().indexOf("Signalements de vigie (2)"),
        anne.text());
    assertTrue(anne.text().contains("Nouveaux éclaireurs (1)"));
    assertTrue(
        anne.text().contains("Marie-Ève Côté, Saint-Jean-Port-Joli")
            || anne.text().contains("Marie-Ève Côté"));
    assertTrue(
        anne.text().contains("2026-W45 : Inscriptions 0, Signalements 1, Détresse 0"), anne.text());
    assertTrue(anne.html().contains("&lt;script&gt;"), "user text escaped");
    assertFalse(anne.subject().contains("Marie") || anne.subject().contains("<script"));
    assertTrue(to("bob@example.org").subject().startsWith("Relais · Weekly digest 2026-W47"));
  }

  @Test
  void anIdleMrcStillGetsAShortDigestSayingSo() {
    digest.run(W47);
    assertTrue(to("matanie@example.org").text().contains("Aucune activité cette semaine"));
    assertTrue(
        to("matanie@example.org").text().contains("Nouveaux éclaireurs (0)\n  aucun cette semaine"),
        "no heading stands empty");
  }

  @Test
  void theRegionTeamGetsOneLinePerMrcAndTheRegionsDistress() {
    store(
        Samples.observation("O-1", Samples.RIMOUSKI, true), Instant.parse("2026-11-17T15:00:00Z"));
    digest.run(W47);
    EmailMessage region = to("bsl@example.org");
    assertTrue(region.subject().contains("Bas-Saint-Laurent"));
    assertTrue(region.text().contains("Rimouski-Neigette | 0 | 1 | 0 | 0 | 1"), region.text());
    assertTrue(region.text().contains("La Matanie | 0 | 0 | 0 | 0 | 0"));
    // a reference: the MRC and the day, not the category (the schema keeps choices in the MRC)
    assertTrue(
        region.text().contains("Rimouski-Neigette · 17 novembre 2026 (réf. O-1)"), region.text());
    assertFalse(region.text().contains("Préoccupation"), region.text());
    assertTrue(region.text().contains("réf. O-1"), region.text());
  }

  @Test
  void aDeliveryKeptForReviewWhoseDistressAnswerReadsYes_isInTheRegionsDistressList() {
    // it escalates to the regional team like a distress observation: the roll-up lists it too
    storeReview(
        "R-5",
        Instant.parse("2026-11-18T15:00:00Z"),
        Samples.RIMOUSKI,
        List.of(
            new ca.relais.core.model.ReportToReview.ReceivedAnswer(
                "description", List.of("Texte de la réponse"))),
        true);
    // one whose distress answer does not read yes is not
    storeReview("R-6", Instant.parse("2026-11-18T16:00:00Z"), Samples.RIMOUSKI, List.of(), false);
    digest.run(W47);
    EmailMessage region = to("bsl@example.org");
    assertTrue(
        region.text().contains("Rimouski-Neigette · 18 novembre 2026 (réf. R-5) · NON PRIS EN"),
        region.text());
    assertFalse(region.text().contains("R-6"), region.text());
    // counted as distress in its MRC's line, which the list below adds up to
    assertTrue(region.text().contains("Rimouski-Neigette | 0 | 0 | 0 | 0 | 1"), region.text());
    // the MRC's own digest lists it with the distress reports, read first, as its trend counts it
    String anne = to("anne@example.org").text();
    String distressSection =
        anne.substring(
            anne.indexOf("Signes de détresse psychologique"),
            anne.indexOf("Signalements de vigie"));
    assertTrue(distressSection.contains("(réf. R-5) · NON PRIS EN CHARGE"), anne);
    assertFalse(distressSection.contains("R-6"), anne);
    assertTrue(anne.contains("2026-W47 : Inscriptions 0, Signalements 0, Détresse 1"), anne);
    assertTrue(region.html().contains("R-5"), region.html());
    assertFalse(region.text().contains("Texte de la réponse"), "answers stay in the MRC");
  }

  @Test
  void theRegionalRollUpCarriesCountsAndReferences_neverTheReportsText() {
    store(
        Samples.observation("O-1", Samples.RIMOUSKI, true), Instant.parse("2026-11-17T15:00:00Z"));
    digest.run(W47);
    EmailMessage region = to("bsl@example.org");
    for (String body : List.of(region.text(), region.html())) {
      assertTrue(body.contains("O-1"), body);
      assertFalse(body.contains("isolement"), "the description stays in the MRC: " + body);
      assertFalse(body.contains("picerie"), "the place stays in the MRC: " + body);
      assertFalse(body.contains("eclaireur@example.org"), body);
    }
    assertTrue(to("bob@example.org").text().contains("isolement"), "the MRC's own digest has it");
  }

  @Test
  void submissionsWhoseAlertWasNotSentAreListed() {
    store(
        Samples.observation("O-1", Samples.RIMOUSKI, false), Instant.parse("2026-11-17T15:00:00Z"));
    store(
        Samples.observation("O-2", Samples.RIMOUSKI, false), Instant.parse("2026-11-17T16:00:00Z"));
    ledger.claim("O-2", "alert#x", Instant.now(), Duration.ofSeconds(60));
    ledger.markSent("O-2", "alert#x", "m", Instant.now());
    digest.run(W47);
    String all = to("anne@example.org").text();
    String text = all.substring(all.indexOf("Envois dont l’alerte n’a pas pu être livrée"));
    assertTrue(text.contains("- O-1 · signalement"), text);
    assertTrue(text.contains("alerte pas encore envoyée"), text);
    assertFalse(text.contains("- O-2 ·"));
  }

  @Test
  void anAlertThatBouncedIsListedAsRefused_inTheAgentsLanguage() {
    store(
        Samples.observation("O-3", Samples.RIMOUSKI, false), Instant.parse("2026-11-18T15:00:00Z"));
    ledger.claim("O-3", "alert#anne", Instant.now(), Duration.ofSeconds(60));
    ledger.markSent("O-3", "alert#anne", "m1", Instant.now());
    ledger.claim("O-3", "alert#bob", Instant.now(), Duration.ofSeconds(60));
    ledger.markSent("O-3", "alert#bob", "m2", Instant.now());
    ledger.markUndeliverable("O-3", "alert#bob", "Bounce/Permanent", Instant.now());
    digest.run(W47);
    assertTrue(
        to("anne@example.org").text().contains("alerte refusée par le serveur d’un destinataire"),
        to("anne@example.org").text());
    String english = to("bob@example.org").text();
    assertTrue(english.contains("O-3 · observation"), english);
    assertTrue(english.contains("alert refused by a recipient’s mail server"), english);
  }

  @Test
  void anOutOfOfficeReplyIsListedAsTemporary_toCheck_notAsRefused() {
    store(
        Samples.observation("O-4", Samples.RIMOUSKI, false), Instant.parse("2026-11-18T15:00:00Z"));
    ledger.claim("O-4", "alert#anne", Instant.now(), Duration.ofSeconds(60));
    ledger.markSent("O-4", "alert#anne", "m1", Instant.now());
    ledger.markTemporarilyUndelivered("O-4", "alert#anne", "Bounce/Transient", Instant.now());
    digest.run(W47);
    String french = to("anne@example.org").text();
    assertTrue(french.contains("- O-4 · signalement"), french);
    assertTrue(french.contains("refus temporaire d’un serveur"), french);
    assertTrue(french.contains("à vérifier"), french);
    assertFalse(french.contains("alerte refusée"), french);
    String english = to("bob@example.org").text();
    assertTrue(english.contains("turned away for now by a recipient’s server"), english);
    assertFalse(english.contains("alert refused"), english);
  }

  @Test
  void runningTwiceSendsNothingTwice_andAFailedSendIsRetriedAlone() {
    mailer.down = true;
    DigestService.Result failed = digest.run(W47);
    assertFalse(failed.complete());
    mailer.down = false;
    DigestService.Result retry = digest.run(W47);
    assertTrue(retry.complete());
    assertEquals(5, retry.sent());
    DigestService.Result again = digest.run(W47);
    assertEquals(0, again.sent());
    assertEquals(5, again.alreadySent());
    assertEquals(5, mailer.sent.size());
  }

  /** MRC 090 (La Mitis, region 01) has no agent: its reports reach the BSL team only. */
  private static final ca.relais.core.model.Territory LA_MITIS =
      new ca.relais.core.model.Territory(
          "090",
          "La Mitis",
          "01",
          "Bas-Saint-Laurent",
          java.util.Optional.empty(),
          java.util.Optional.empty());

  @Test
  void theProgramInboxGetsEveryReportOfTerritoriesWithoutAgents_listedWithTheirFollowUp() {
    // L'Islet (170, region 12): no agent, no regional team, only the program inbox was alerted
    store(Samples.observation("O-7", Samples.LISLET, true), Instant.parse("2026-11-17T15:00:00Z"));
    store(
        Samples.signUp("S-7", Samples.LISLET, Language.FR), Instant.parse("2026-11-18T15:00:00Z"));
    store(Samples.observation("O-8", LA_MITIS, false), Instant.parse("2026-11-18T16:00:00Z"));
    store(
        Samples.observation("O-9", Samples.RIMOUSKI, false), Instant.parse("2026-11-18T17:00:00Z"));
    digest.run(W47);
    EmailMessage program = to("program@example.org");
    assertEquals(
        "Relais · Résumé de la semaine 2026-W47 · Territoires sans agent·e de liaison",
        program.subject());
    String text = program.text();
    assertTrue(text.contains("MRC L'Islet · Chaudière-Appalaches"), text);
    assertTrue(text.contains("aucune équipe régionale"), text);
    assertTrue(text.contains("(réf. O-7) · NON PRIS EN CHARGE · Éclaireur : "), text);
    assertTrue(text.contains("(réf. S-7) · NON PRIS EN CHARGE"), text);
    assertTrue(text.contains("MRC La Mitis · Bas-Saint-Laurent"), "every territory without agent");
    assertTrue(text.contains("(réf. O-8)"));
    assertFalse(text.contains("O-9"), "an MRC with its own agents is not the program's");
    assertTrue(program.html().contains("NON PRIS EN CHARGE"));

    // the BSL team gets La Mitis's report listed, not only counted
    String bsl = to("bsl@example.org").text();
    assertTrue(bsl.contains("MRC La Mitis"), bsl);
    assertTrue(bsl.contains("(réf. O-8) · NON PRIS EN CHARGE"), bsl);
  }

  @Test
  void aSignUpKeptForReview_hasNoTakeStatusInTheProgramsDigest_itsAlertHadNoTakeLink() {
    // L'Islet has no agent: its deliveries are listed in the program inbox's digest
    storeReview(
        "R-8",
        Instant.parse("2026-11-18T15:00:00Z"),
        Samples.LISLET,
        ca.relais.core.model.SubmissionType.SIGNUP,
        List.of(),
        false);
    storeReview("R-9", Instant.parse("2026-11-18T16:00:00Z"), Samples.LISLET, List.of(), false);
    digest.run(W47);
    EmailMessage program = to("program@example.org");
    String r8 = program.text().lines().filter(l -> l.contains("R-8")).findFirst().orElseThrow();
    assertTrue(r8.endsWith("(réf. R-8)"), r8);
    assertFalse(program.html().contains("(réf. R-8)</small> · <strong"), program.html());
    // one meant to be an observation can be taken, and says so
    String r9 = program.text().lines().filter(l -> l.contains("R-9")).findFirst().orElseThrow();
    assertTrue(r9.endsWith("(réf. R-9) · NON PRIS EN CHARGE"), r9);
  }

  @Test
  void aWebhookDeliveryWhoseTerritoryCouldNotBeRead_isListedInTheProgramsDigest() {
    storeReview(
        "R-1",
        Instant.parse("2026-11-17T15:00:00Z"),
        ca.relais.core.model.ReportToReview.noTerritory(),
        List.of(),
        true);
    digest.run(W47);
    EmailMessage program = to("program@example.org");
    String text = program.text();
    // its heading says what is missing, with no MRC prefix and no empty region after it
    assertTrue(
        text.lines()
            .anyMatch(l -> l.equals("Territoire non lu : à vérifier dans la réponse reçue")),
        text);
    assertFalse(text.contains("MRC Territoire") || text.contains("MRC territoire"), text);
    assertFalse(text.lines().anyMatch(l -> l.endsWith(" · ") || l.endsWith(" ·")), text);
    assertTrue(
        program.html().contains(">Territoire non lu : à vérifier dans la réponse reçue</h2>"),
        program.html());
    // a delivery kept for review has no éclaireur to name: no empty "Éclaireur :" after it
    String r1 = text.lines().filter(l -> l.contains("(réf. R-1)")).findFirst().orElseThrow();
    assertTrue(r1.endsWith("(réf. R-1) · NON PRIS EN CHARGE"), r1);
    assertFalse(program.html().contains("Éclaireur :  ·"), program.html());
  }

  @Test
  void everyItemSaysWhetherAndByWhomItWasTaken_untakenFirst_andNoHeadingStandsEmpty() {
    store(
        Samples.observation("O-1", Samples.RIMOUSKI, true), Instant.parse("2026-11-17T15:00:00Z"));
    store(
        Samples.observation("O-2", Samples.RIMOUSKI, true), Instant.parse("2026-11-17T16:00:00Z"));
    store(
        Samples.signUp("S-1", Samples.RIMOUSKI, Language.FR),
        Instant.parse("2026-11-18T15:00:00Z"));
    followUps.existing.add("O-1");
    followUps.take(
        "O-1",
        new ca.relais.core.followup.Taken(
            "Anne", "anne@example.org", Instant.parse("2026-11-17T15:20:00Z")));
    digest.run(W47);
    String text = to("anne@example.org").text();
    assertTrue(text.contains("(réf. O-1) · pris en charge par Anne le 17 novembre 2026"), text);
    assertTrue(text.contains("(réf. O-2) · NON PRIS EN CHARGE · Éclaireur : Jean Tremblay"), text);
    assertTrue(text.indexOf("(réf. O-2)") < text.indexOf("(réf. O-1)"), "untaken first");
    int untaken = text.indexOf("Pas encore pris en charge");
    assertTrue(untaken >= 0 && untaken < text.indexOf("Signes de détresse"), "read first");
    assertTrue(
        text.substring(untaken, text.indexOf("Signes de détresse"))
            .contains(
                "O-2 · signalement avec détresse · reçu le 17 novembre 2026 · sans prise en"
                    + " charge depuis 5 jour(s)"),
        text);
    assertFalse(
        text.substring(untaken, text.indexOf("Signes de détresse")).contains("O-1"),
        "taken: not in the untaken list");
    // both concerns are distress: listed once above, no empty "Préoccupation" heading
    assertFalse(text.contains("  Préoccupation ("), text);
    assertTrue(
        text.contains(
            "Signalements de vigie (2)\n  tous avec signes de détresse, listés plus haut"),
        text);
    // the new éclaireur: a row with the email, and its follow-up
    assertTrue(text.contains("Marie-Ève Côté <"), text);
    String html = to("anne@example.org").html();
    assertTrue(html.contains("<thead>") && html.contains("Courriel"), "a real table");
    assertTrue(html.contains("mailto:"), html);
  }

  /** A webhook delivery meant to be an observation, kept for review as incomplete. */
  private void storeReview(
      String id,
      Instant received,
      ca.relais.core.model.Territory territory,
      List<ca.relais.core.model.ReportToReview.ReceivedAnswer> answers,
      boolean distress) {
    storeReview(
        id,
        received,
        territory,
        ca.relais.core.model.SubmissionType.OBSERVATION,
        answers,
        distress);
  }

  /** A webhook delivery meant to be of the given type, kept for review as incomplete. */
  private void storeReview(
      String id,
      Instant received,
      ca.relais.core.model.Territory territory,
      ca.relais.core.model.SubmissionType intended,
      List<ca.relais.core.model.ReportToReview.ReceivedAnswer> answers,
      boolean distress) {
    store(
        new Submission(
            id,
            received,
            new ca.relais.core.model.ReportToReview(
                ca.relais.core.model.ReportToReview.Reason.INCOMPLETE,
                intended,
                "typeform-partenaire",
                territory,
                List.of(),
                answers,
                distress,
                Language.FR)),
        received);
  }
}
