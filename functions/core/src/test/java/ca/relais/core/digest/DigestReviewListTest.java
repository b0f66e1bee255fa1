package ca.relais.core.digest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.model.Language;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionNotes;
import ca.relais.core.model.SubmissionType;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The MRC digest lists the week's webhook responses kept for review and the corrections. */
class DigestReviewListTest {

  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final RecordingMailer mailer = new RecordingMailer();

  @Test
  void reportsToReviewAndCorrections_areListedApart_withoutTheirAnswers() {
    Instant tuesday = Instant.parse("2026-11-17T15:00:00Z");
    ReportToReview report =
        new ReportToReview(
            ReportToReview.Reason.INCOMPLETE,
            SubmissionType.OBSERVATION,
            "html-partenaire",
            Samples.RIMOUSKI,
            List.of(new ReportToReview.Problem("category", "type", "field.required", List.of())),
            List.of(new ReportToReview.ReceivedAnswer("description", List.of("Texte privé"))),
            true,
            Language.FR);
    store.submissions.put("R-1", new Submission("R-1", tuesday, report, SubmissionNotes.NONE));
    // a sign-up kept for review: its alerts carry no take link
    ReportToReview signUpReview =
        new ReportToReview(
            ReportToReview.Reason.INCOMPLETE,
            SubmissionType.SIGNUP,
            "kobo-inscription",
            Samples.RIMOUSKI,
            List.of(new ReportToReview.Problem("lastName", "nom", "field.required", List.of())),
            List.of(),
            false,
            Language.FR);
    store.submissions.put(
        "R-3", new Submission("R-3", tuesday, signUpReview, SubmissionNotes.NONE));
    // R-1 was taken through its alert's link
    ca.relais.core.testing.InMemoryFollowUps followUps =
        new ca.relais.core.testing.InMemoryFollowUps();
    followUps.open(
        "R-1",
        new ca.relais.core.followup.AlertRound(
            ca.relais.core.followup.AlertRound.Level.MRC, List.of("anne@example.org"), tuesday),
        Optional.empty());
    followUps.take(
        "R-1",
        new ca.relais.core.followup.Taken("Anne", "anne@example.org", tuesday.plusSeconds(600)));
    Submission observation = Samples.observation("O-2", Samples.RIMOUSKI, false);
    store.submissions.put(
        "O-2",
        new Submission(
            "O-2",
            tuesday.plusSeconds(60),
            observation.content(),
            new SubmissionNotes(Optional.of("O-1"), List.of())));
    new DigestService(
            store,
            new InMemoryRoutingDirectory(
                List.of(
                    new RelayAgent(
                        Scope.mrc("100"),
                        "anne@example.org",
                        "Anne",
                        Language.FR,
                        AgentRole.PRIMARY))),
            TerritoryDirectory.loadDefault(),
            new DigestRenderer(),
            mailer,
            new InMemorySentLedger(),
            Clock.fixed(Instant.parse("2026-11-23T13:00:00Z"), ZoneOffset.UTC),
            followUps)
        .run(DigestWeek.parse("2026-W47").orElseThrow());
    EmailMessage digest = mailer.sent.get(0);
    assertTrue(
        digest.text().contains("Réponses de formulaires externes à vérifier"), digest.text());
    assertTrue(digest.text().contains("R-1 · à vérifier"), digest.text());
    assertTrue(digest.text().contains("détresse"));
    assertTrue(digest.text().contains("O-2 · signalement"));
    assertTrue(digest.text().contains("correction de O-1"));
    assertTrue(digest.html().contains("R-1 · à vérifier"));
    // who took a report to review is said; a sign-up kept for review has nothing to take
    String r1 = digest.text().lines().filter(l -> l.contains("R-1 · à vérifier")).findFirst().get();
    assertTrue(r1.contains("pris en charge par Anne"), r1);
    assertFalse(r1.contains("Éclaireur"), "no éclaireur to name, no empty label: " + r1);
    String r3 = digest.text().lines().filter(l -> l.contains("R-3")).findFirst().get();
    assertFalse(r3.contains("PRIS EN CHARGE"), r3);
    // the list of reports waiting to be taken ("reçu le ...") has neither
    assertTrue(
        digest.text().lines().noneMatch(l -> l.contains("reçu le") && l.matches(".*R-[13] .*")),
        digest.text());
    assertFalse(digest.text().contains("Texte privé"));
  }
}
