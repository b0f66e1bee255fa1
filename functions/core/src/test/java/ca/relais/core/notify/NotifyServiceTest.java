package ca.relais.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.model.Language;
import ca.relais.core.model.Territory;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.RecipientResolver;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.Scope;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifyServiceTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T15:01:00Z"), ZoneOffset.UTC);

  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final RecordingMailer mailer = new RecordingMailer();
  private final InMemorySentLedger ledger = new InMemorySentLedger();
  private final InMemoryRoutingDirectory directory =
      new InMemoryRoutingDirectory(
          List.of(
              new RelayAgent(
                  Scope.mrc("100"), "anne@example.org", "Anne", Language.FR, AgentRole.PRIMARY),
              new RelayAgent(
                  Scope.mrc("100"), "bob@example.org", "Bob", Language.EN, AgentRole.BACKUP),
              new RelayAgent(
                  Scope.region("12"),
                  "team12@example.org",
                  "Équipe 12",
                  Language.FR,
                  AgentRole.PRIMARY),
              new RelayAgent(
                  Scope.program(),
                  "program@example.org",
                  "Programme",
                  Language.FR,
                  AgentRole.PRIMARY)));
  private final ca.relais.core.testing.InMemoryFollowUps followUps =
      new ca.relais.core.testing.InMemoryFollowUps();
  private final NotifyService notify =
      new NotifyService(
          store,
          new RecipientResolver(directory),
          new EmailRenderer(),
          mailer,
          ledger,
          CLOCK,
          Duration.ofSeconds(60),
          new ca.relais.core.followup.TakeLinks(
              "0123456789abcdef0123456789abcdef",
              "https://relais.example.org",
              Duration.ofDays(14)),
          followUps,
          new ca.relais.core.followup.EscalationDelays(Duration.ofMinutes(60), Duration.ofDays(3)));

  private void stored(ca.relais.core.model.Submission submission) {
    store.submissions.put(submission.id(), submission);
  }

  @Test
  void observationAlertGoesToEachAgentOfTheMrc_inTheirLanguage() {
    stored(Samples.observation("O-1", Samples.RIMOUSKI, false));
    assertEquals(NotifyService.Outcome.DONE, notify.notify("O-1"));
    assertEquals(
        List.of("anne@example.org", "bob@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
    assertTrue(mailer.sent.get(0).subject().contains("Signalement de vigie"));
    assertTrue(mailer.sent.get(1).subject().contains("Vigie observation"));
  }

  @Test
  void eachEmailCarriesTagsNamingItsLedgerEntry_withoutTheAddress() {
    stored(Samples.signUp("S-1", Samples.RIMOUSKI, Language.FR));
    notify.notify("S-1");
    for (EmailMessage email : mailer.sent) {
      DeliveryTags.LedgerEntry entry = DeliveryTags.entryOf(email.tags()).orElseThrow();
      assertEquals("S-1", entry.submissionId());
      assertEquals(Samples.PERSON_KEY.of(email.to()), email.tags().get(DeliveryTags.RECIPIENT));
      assertFalse(
          email.tags().values().stream().anyMatch(v -> v.contains("@")), email.tags().toString());
    }
    assertEquals(
        List.of("alert", "alert", "confirmation"),
        mailer.sent.stream().map(e -> e.tags().get(DeliveryTags.KIND)).toList());
  }

  @Test
  void aBouncedAlertIsNeverSentAgain_toTheSameAddress() {
    stored(Samples.observation("O-1", Samples.RIMOUSKI, false));
    notify.notify("O-1");
    EmailMessage first = mailer.sent.get(0);
    DeliveryTags.LedgerEntry entry = DeliveryTags.entryOf(first.tags()).orElseThrow();
    ledger.markUndeliverable(
        entry.submissionId(), entry.emailKey(), "Bounce/Permanent", CLOCK.instant());
    mailer.sent.clear();
    assertEquals(NotifyService.Outcome.DONE, notify.notify("O-1"));
    assertEquals(List.of(), mailer.sent);
  }

  @Test
  void subjectsCarryCategoryMrcAndReference_neverNamesOrText() {
    stored(Samples.observation("O-1", Samples.RIMOUSKI, true));
    stored(Samples.signUp("S-1", Samples.RIMOUSKI, Language.FR));
    notify.notify("O-1");
    notify.notify("S-1");
    for (EmailMessage email : mailer.sent) {
      for (String personal :
          List.of(
              "Jean",
              "Tremblay",
              "eclaireur@",
              "Marie",
              "Côté",
              "marie-eve@",
              "Aînés",
              "<script",
              "Épicerie")) {
        assertFalse(email.subject().contains(personal), email.subject());
      }
    }
    assertTrue(mailer.sent.get(0).subject().startsWith("[URGENT"));
  }

  @Test
  void userTextIsEscapedInHtml_andKeptReadableInText() {
    stored(Samples.observation("O-1", Samples.RIMOUSKI, true));
    notify.notify("O-1");
    EmailMessage email = mailer.sent.get(0);
    assertFalse(email.html().contains("<script>"));
    assertTrue(
        email
            .html()
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Aînés &amp; isolement"),
        email.html());
    assertTrue(email.html().contains("Épicerie &lt;fermée&gt;"));
    assertTrue(email.text().contains("<script>alert('x')</script> Aînés & isolement"));
    assertTrue(email.html().contains("911") && email.html().contains("811"));
  }

  @Test
  void signUpAlertsTheAgents_andConfirmsToTheCitizenInTheirLanguage() {
    stored(Samples.signUp("S-1", Samples.RIMOUSKI, Language.EN));
    notify.notify("S-1");
    assertEquals(3, mailer.sent.size());
    EmailMessage confirmation = mailer.sent.get(2);
    assertEquals("marie-eve@example.org", confirmation.to());
    assertTrue(confirmation.text().startsWith("Hello Marie-Ève,"), confirmation.text());
    assertTrue(confirmation.text().contains("Keep a community watch"));
    // the privacy notice: the rights, where to write, the retention
    assertTrue(confirmation.text().contains("Write to relais@example.org."), confirmation.text());
    assertTrue(confirmation.text().contains("withdraw your consent"), confirmation.text());
    assertTrue(confirmation.html().contains("after 3 years"), confirmation.html());
  }

  @Test
  void mrcWithoutAgentsFallsBackToItsRegion_thenToTheProgram_andSaysSo() {
    stored(Samples.observation("O-1", Samples.LISLET, false));
    stored(
        Samples.observation(
            "O-2",
            new Territory(
                "040",
                "La Haute-Gaspésie",
                "11",
                "Gaspésie–Îles-de-la-Madeleine",
                Optional.empty(),
                Optional.empty()),
            false));
    notify.notify("O-1");
    notify.notify("O-2");
    assertEquals("team12@example.org", mailer.sent.get(0).to());
    assertTrue(mailer.sent.get(0).text().contains("équipe-relais régionale"));
    assertEquals("program@example.org", mailer.sent.get(1).to());
    assertTrue(mailer.sent.get(1).text().contains("boîte du programme"));
  }

  @Test
  void aSecondDeliveryOfTheSameSubmissionSendsNothing() {
    stored(Samples.signUp("S-1", Samples.RIMOUSKI, Language.FR));
    notify.notify("S-1");
    notify.notify("S-1");
    assertEquals(3, mailer.sent.size());
  }

  @Test
  void anOutageAsksForARetry_andTheRetrySendsEachEmailOnce() {
    stored(Samples.observation("O-1", Samples.RIMOUSKI, false));
    mailer.down = true;
    assertEquals(NotifyService.Outcome.RETRY, notify.notify("O-1"));
    mailer.down = false;
    assertEquals(NotifyService.Outcome.DONE, notify.notify("O-1"));
    assertEquals(
        List.of("anne@example.org", "bob@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  @Test
  void anSesThatDoesNotAnswer_getsOneAttempt_andTheRetrySendsEachEmailOnce() {
    stored(Samples.observation("O-1", Samples.RIMOUSKI, false));
    mailer.unresponsive = true;
    assertEquals(NotifyService.Outcome.MAILER_UNRESPONSIVE, notify.notify("O-1"));
    assertEquals(1, mailer.attempts, "no second send to an SES that does not answer");
    mailer.unresponsive = false;
    assertEquals(NotifyService.Outcome.DONE, notify.notify("O-1"));
    assertEquals(
        List.of("anne@example.org", "bob@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  @Test
  void aConfirmationRefusedForGood_isRecordedFinal_andNeverTriedAgain() {
    stored(Samples.signUp("S-1", Samples.RIMOUSKI, Language.FR));
    mailer.refusing.add("marie-eve@example.org");
    assertEquals(NotifyService.Outcome.DONE, notify.notify("S-1"));
    assertEquals(
        List.of("anne@example.org", "bob@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
    String key = ledger.emailKey("confirmation", "marie-eve@example.org");
    assertEquals("Refused/ses MessageRejectedException", ledger.undeliverableReason("S-1", key));
    int attempts = mailer.attempts;
    assertEquals(NotifyService.Outcome.DONE, notify.notify("S-1"));
    assertEquals(attempts, mailer.attempts, "a redelivery tries nothing again");
  }

  @Test
  void anAlertRefusedForOneAgent_isFinal_theOtherAgentGetsItsAlert_andTheDigestSeesIt() {
    // not distress: a distress report goes to the primary agent first, the backup on escalation
    stored(Samples.observation("O-1", Samples.RIMOUSKI, false));
    mailer.refusing.add("anne@example.org");
    assertEquals(NotifyService.Outcome.DONE, notify.notify("O-1"));
    assertEquals(List.of("bob@example.org"), mailer.sent.stream().map(EmailMessage::to).toList());
    SentLedger.Deliveries alerts = ledger.deliveriesAmong(List.of("O-1"), "alert");
    assertEquals(java.util.Set.of("O-1"), alerts.undeliverable());
  }

  @Test
  void aClaimLeftByACrashedWorkerWaits_thenIsTakenOverWhenStale() {
    stored(Samples.observation("O-1", Samples.RIMOUSKI, false));
    String anneKey = "alert#" + Samples.PERSON_KEY.of("anne@example.org");
    ledger.claimAndCrash("O-1", anneKey, CLOCK.instant().minusSeconds(10));
    assertEquals(NotifyService.Outcome.RETRY, notify.notify("O-1"));
    assertEquals(List.of("bob@example.org"), mailer.sent.stream().map(EmailMessage::to).toList());
    ledger.claimAndCrash("O-1", anneKey, CLOCK.instant().minusSeconds(120));
    assertEquals(NotifyService.Outcome.DONE, notify.notify("O-1"));
    assertEquals(
        List.of("bob@example.org", "anne@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  @Test
  void aSubmissionThatNoLongerExists_canNeverSucceed_andSendsNothing() {
    assertEquals(NotifyService.Outcome.SUBMISSION_GONE, notify.notify("O-404"));
    assertEquals(0, mailer.attempts);
  }
}
