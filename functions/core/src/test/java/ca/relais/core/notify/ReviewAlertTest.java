package ca.relais.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.model.Language;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionNotes;
import ca.relais.core.model.SubmissionType;
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

/** Alerts of webhook deliveries kept for review, corrections and answers left out. */
class ReviewAlertTest {

  private static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");
  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final RecordingMailer mailer = new RecordingMailer();
  private final NotifyService notify =
      new NotifyService(
          store,
          new RecipientResolver(
              new InMemoryRoutingDirectory(
                  List.of(
                      new RelayAgent(
                          Scope.mrc("100"),
                          "anne@example.org",
                          "Anne",
                          Language.FR,
                          AgentRole.PRIMARY),
                      new RelayAgent(
                          Scope.mrc("100"),
                          "bob@example.org",
                          "Bob",
                          Language.EN,
                          AgentRole.BACKUP),
                      new RelayAgent(
                          Scope.program(),
                          "program@example.org",
                          "Programme",
                          Language.FR,
                          AgentRole.PRIMARY)))),
          new EmailRenderer(),
          mailer,
          new InMemorySentLedger(),
          Clock.fixed(AT, ZoneOffset.UTC),
          Duration.ofSeconds(60),
          new ca.relais.core.followup.TakeLinks(
              "0123456789abcdef0123456789abcdef",
              "https://relais.example.org",
              java.time.Duration.ofDays(14)),
          new ca.relais.core.testing.InMemoryFollowUps(),
          new ca.relais.core.followup.EscalationDelays(
              java.time.Duration.ofMinutes(60), java.time.Duration.ofDays(3)));

  private static ReportToReview report(
      ReportToReview.Reason reason, boolean territory, boolean distress) {
    return new ReportToReview(
        reason,
        SubmissionType.OBSERVATION,
        "html-partenaire",
        territory ? Samples.RIMOUSKI : ReportToReview.noTerritory(),
        List.of(
            new ReportToReview.Problem(
                "municipality", "municipalite", "territory.unknown_municipality", List.of())),
        reason == ReportToReview.Reason.INCOMPLETE
            ? List.of(
                new ReportToReview.ReceivedAnswer("municipalite", List.of("Atlantide")),
                new ReportToReview.ReceivedAnswer(
                    "description", List.of("<img src=x onerror=alert(1)> Voisin & isolé")),
                new ReportToReview.ReceivedAnswer("courriel", List.of("v@example.org")))
            : List.of(),
        distress,
        Language.FR);
  }

  @Test
  void aReportWithoutTerritory_goesToTheProgramInbox_sayingWhatCouldNotBeRead_escaped() {
    store.submissions.put(
        "R-1",
        new Submission(
            "R-1",
            AT,
            report(ReportToReview.Reason.INCOMPLETE, false, false),
            SubmissionNotes.NONE));
    assertEquals(NotifyService.Outcome.DONE, notify.notify("R-1"));
    assertEquals(
        List.of("program@example.org"), mailer.sent.stream().map(EmailMessage::to).toList());
    EmailMessage alert = mailer.sent.get(0);
    assertTrue(alert.subject().contains("À vérifier") && alert.subject().contains("R-1"));
    assertFalse(alert.subject().contains("v@example.org"));
    assertTrue(alert.html().contains("municipality"));
    assertTrue(alert.html().contains("Cette municipalité est introuvable"));
    assertTrue(alert.html().contains("&lt;img src"), "the answers as received, escaped");
    assertTrue(alert.html().contains("Voisin &amp; isolé"));
    assertFalse(alert.html().contains("<img"));
    assertTrue(
        alert.text().contains("- description : <img src=x onerror=alert(1)> Voisin & isolé"));
    assertTrue(alert.html().contains("boîte du programme"), "says why the program inbox reads it");
    assertTrue(
        alert.text().contains("envoyé par Relais à la boîte du programme"),
        "the footer names who it is sent to: " + alert.text());
    assertFalse(alert.text().contains("Elle est conservée"), "no pronoun that mismatches");
  }

  @Test
  void aReportInAKnownMrc_alertsItsAgents_urgentWhenDistressReads_inEachLanguage() {
    store.submissions.put(
        "R-2",
        new Submission(
            "R-2", AT, report(ReportToReview.Reason.INCOMPLETE, true, true), SubmissionNotes.NONE));
    notify.notify("R-2");
    assertEquals(
        List.of("anne@example.org", "bob@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
    assertTrue(mailer.sent.get(0).subject().startsWith("[URGENT"));
    assertTrue(mailer.sent.get(1).subject().contains("To review"));
    assertTrue(mailer.sent.get(1).text().contains("811"));
  }

  @Test
  void aSignUpWithoutConsent_saysSomeoneTried_withNoAnswer() {
    store.submissions.put(
        "R-3",
        new Submission(
            "R-3",
            AT,
            report(ReportToReview.Reason.SIGNUP_WITHOUT_CONSENT, true, false),
            SubmissionNotes.NONE));
    notify.notify("R-3");
    EmailMessage alert = mailer.sent.get(0);
    assertTrue(alert.subject().contains("sans consentement"), alert.subject());
    assertTrue(alert.text().contains("html-partenaire"));
    assertFalse(alert.text().contains("Réponses telles que reçues"));
    assertEquals(2, mailer.sent.size(), "no confirmation to anyone");
  }

  @Test
  void aCorrection_andAnswersLeftOut_areSaidInTheObservationAlert() {
    Submission first = Samples.observation("O-2", Samples.RIMOUSKI, true);
    store.submissions.put(
        "O-2",
        new Submission(
            "O-2",
            first.receivedAt(),
            first.content(),
            new SubmissionNotes(Optional.of("O-1"), List.of("observedOn"))));
    notify.notify("O-2");
    EmailMessage alert = mailer.sent.get(0);
    assertTrue(alert.subject().startsWith("[URGENT"));
    assertTrue(alert.text().contains("Correction de O-1"), alert.text());
    assertTrue(alert.html().contains("laissées de côté : observedOn"), alert.html());
  }
}
