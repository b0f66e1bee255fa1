package ca.relais.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.model.Language;
import ca.relais.core.model.Submission;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.EmailRenderer;
import ca.relais.core.notify.NotifyService;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.RecipientResolver;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.Scope;
import ca.relais.core.testing.InMemoryFollowUps;
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

/** Notify opens the follow-up; each escalation run moves an untaken report one level up. */
class EscalationServiceTest {

  private static final Duration DISTRESS = Duration.ofMinutes(60);
  private static final Duration OTHER = Duration.ofDays(3);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T15:00:00Z"));
  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final RecordingMailer mailer = new RecordingMailer();
  private final InMemorySentLedger ledger = new InMemorySentLedger();
  private final InMemoryFollowUps followUps = new InMemoryFollowUps();
  private final TakeLinks links =
      new TakeLinks(
          "0123456789abcdef0123456789abcdef", "https://r.example.org", Duration.ofDays(14));
  private final InMemoryRoutingDirectory directory =
      new InMemoryRoutingDirectory(
          List.of(
              new RelayAgent(
                  Scope.mrc("100"), "anne@example.org", "Anne", Language.FR, AgentRole.PRIMARY),
              new RelayAgent(
                  Scope.mrc("100"), "bob@example.org", "Bob", Language.EN, AgentRole.BACKUP),
              new RelayAgent(
                  Scope.region("01"), "bsl@example.org", "BSL", Language.FR, AgentRole.PRIMARY),
              new RelayAgent(
                  Scope.program(), "program@example.org", "Prog", Language.FR, AgentRole.PRIMARY)));
  private final EscalationDelays delays = new EscalationDelays(DISTRESS, OTHER);
  private final NotifyService notify =
      new NotifyService(
          store,
          new RecipientResolver(directory),
          new EmailRenderer(),
          mailer,
          ledger,
          clock,
          Duration.ofSeconds(60),
          links,
          followUps,
          delays);
  private final EscalationService escalation =
      new EscalationService(
          followUps,
          store,
          new EscalationLadder(directory),
          new EmailRenderer(),
          mailer,
          ledger,
          links,
          delays,
          clock);
  private final TakeService take = new TakeService(links, followUps, directory, clock);

  private void notified(Submission s) {
    store.submissions.put(s.id(), s);
    assertEquals(NotifyService.Outcome.DONE, notify.notify(s.id()));
  }

  private List<String> sentTo() {
    return mailer.sent.stream().map(EmailMessage::to).toList();
  }

  @Test
  void distressGoesToPrimariesFirst_thenBackup_region_program_onceEach_afterEachDelay() {
    notified(Samples.observation("O-1", Samples.RIMOUSKI, true));
    assertEquals(List.of("anne@example.org"), sentTo());
    assertTrue(mailer.sent.get(0).text().contains("https://r.example.org/pris-en-charge?t=O-1."));

    escalation.run();
    assertEquals(1, mailer.sent.size(), "not before the delay");
    clock.advance(DISTRESS);
    assertEquals(1, escalation.run().escalated());
    assertEquals("bob@example.org", mailer.sent.get(1).to());
    EmailMessage toBob = mailer.sent.get(1);
    assertTrue(toBob.subject().startsWith("[ESCALATION] [URGENT"), toBob.subject());
    assertTrue(toBob.text().contains("anne@example.org"), "who was alerted before");
    assertTrue(toBob.text().contains("November 23, 2026"), toBob.text());
    escalation.run();
    assertEquals(2, mailer.sent.size(), "one level per delay");

    clock.advance(DISTRESS);
    escalation.run();
    clock.advance(DISTRESS);
    escalation.run();
    clock.advance(DISTRESS);
    escalation.run();
    assertEquals(
        List.of("anne@example.org", "bob@example.org", "bsl@example.org", "program@example.org"),
        sentTo());
    assertTrue(mailer.sent.get(3).text().contains("bsl@example.org"));
    assertTrue(followUps.due(clock.instant().plus(Duration.ofDays(30)), 10).isEmpty());
  }

  /** A webhook delivery kept for review (a required answer missing) in MRC 100. */
  private static Submission review(
      String id, ca.relais.core.model.SubmissionType intended, boolean distress) {
    return new Submission(
        id,
        Instant.parse("2026-11-23T14:59:00Z"),
        new ca.relais.core.model.ReportToReview(
            ca.relais.core.model.ReportToReview.Reason.INCOMPLETE,
            intended,
            "bsl-typeform",
            Samples.RIMOUSKI,
            List.of(
                new ca.relais.core.model.ReportToReview.Problem(
                    "description", "Décrivez la situation", "field.required", List.of())),
            List.of(
                new ca.relais.core.model.ReportToReview.ReceivedAnswer(
                    "Détresse?", List.of(distress ? "Oui" : "Non"))),
            distress,
            Language.FR));
  }

  @Test
  void aDistressReportKeptForReview_climbsTheDistressLadder_andCanBeTaken() {
    notified(review("R-1", ca.relais.core.model.SubmissionType.OBSERVATION, true));
    assertEquals(List.of("anne@example.org", "bob@example.org"), sentTo(), "all its MRC's agents");
    assertTrue(mailer.sent.get(0).text().contains("https://r.example.org/pris-en-charge?t=R-1."));
    escalation.run();
    assertEquals(2, mailer.sent.size(), "not before the delay");
    clock.advance(DISTRESS);
    assertEquals(1, escalation.run().escalated());
    EmailMessage toRegion = mailer.sent.get(2);
    assertEquals("bsl@example.org", toRegion.to());
    assertTrue(toRegion.subject().startsWith("[ESCALADE] [URGENT"), toRegion.subject());
    assertTrue(toRegion.text().contains("anne@example.org"), "who was alerted before");
    assertTrue(toRegion.text().contains("Détresse?"), "the answers as received");
    assertTrue(toRegion.text().contains("pris-en-charge?t=R-1."), "its own take link");
    clock.advance(DISTRESS);
    escalation.run();
    assertEquals(
        List.of("anne@example.org", "bob@example.org", "bsl@example.org", "program@example.org"),
        sentTo());
  }

  @Test
  void aReportKeptForReview_takenThroughItsLink_isNotEscalated() {
    notified(review("R-20261123-TAKEN004", ca.relais.core.model.SubmissionType.OBSERVATION, true));
    java.util.regex.Matcher link =
        java.util.regex.Pattern.compile("https://r\\.example\\.org/pris-en-charge\\?t=(\\S+)")
            .matcher(mailer.sent.get(0).text());
    assertTrue(link.find(), mailer.sent.get(0).text());
    TakeService.Page page = take.take(link.group(1));
    assertTrue(page instanceof TakeService.Page.Done, page.toString());
    clock.advance(DISTRESS.multipliedBy(5));
    escalation.run();
    assertEquals(2, mailer.sent.size(), "taken: nobody else is alerted");
  }

  @Test
  void aReportKeptForReview_withoutDistress_escalatesOnceToTheRegion_aSignUpsNever() {
    notified(review("R-2", ca.relais.core.model.SubmissionType.OBSERVATION, false));
    assertEquals(List.of("anne@example.org", "bob@example.org"), sentTo());
    clock.advance(OTHER);
    assertEquals(1, escalation.run().escalated());
    assertEquals("bsl@example.org", mailer.sent.get(2).to());

    mailer.sent.clear();
    notified(review("R-3", ca.relais.core.model.SubmissionType.SIGNUP, true));
    assertEquals(2, mailer.sent.size());
    assertFalse(mailer.sent.get(0).text().contains("pris-en-charge"), "nothing to take");
    clock.advance(Duration.ofDays(30));
    escalation.run();
    assertEquals(2, mailer.sent.size(), "a sign-up kept for review does not escalate");
  }

  @Test
  void aReportTakenThroughItsLinkIsNotEscalated() {
    notified(Samples.observation("O-20261123-TAKEN002", Samples.RIMOUSKI, true));
    String url = mailer.sent.get(0).text().replaceAll("(?s).*(https://\\S+).*", "$1");
    String token = url.substring(url.indexOf("?t=") + 3);
    assertTrue(take.show(token) instanceof TakeService.Page.Open, "GET shows, takes nothing");
    assertEquals(List.of("O-20261123-TAKEN002"), followUps.due(clock.instant().plus(DISTRESS), 10));
    TakeService.Page page = take.take(token);
    assertEquals("Anne", ((TakeService.Page.Done) page).taken().byName());
    assertTrue(take.take(token) instanceof TakeService.Page.AlreadyTaken);
    clock.advance(DISTRESS.multipliedBy(5));
    escalation.run();
    assertEquals(List.of("anne@example.org"), sentTo());
  }

  @Test
  void otherObservationsEscalateOnceToTheRegion_afterTheLongerDelay() {
    notified(Samples.observation("O-3", Samples.RIMOUSKI, false));
    assertEquals(List.of("anne@example.org", "bob@example.org"), sentTo());
    clock.advance(DISTRESS);
    escalation.run();
    assertEquals(2, mailer.sent.size());
    clock.advance(OTHER);
    escalation.run();
    clock.advance(OTHER);
    escalation.run();
    assertEquals(List.of("anne@example.org", "bob@example.org", "bsl@example.org"), sentTo());
  }

  @Test
  void aFailedEscalationEmailIsRetriedByTheNextRun_andNobodyGetsItTwice() {
    notified(Samples.observation("O-4", Samples.RIMOUSKI, true));
    clock.advance(DISTRESS);
    mailer.down = true;
    assertEquals(1, escalation.run().failed());
    mailer.down = false;
    assertEquals(1, escalation.run().escalated());
    escalation.run();
    assertEquals(List.of("anne@example.org", "bob@example.org"), sentTo());
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
