package ca.relais.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** At most one confirmation per address per 24 hours; what the agent reads (issue 13). */
class ConfirmationAndAlertContentTest {

  private Instant now = Instant.parse("2026-11-23T15:01:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final RecordingMailer mailer = new RecordingMailer();
  private final InMemorySentLedger ledger = new InMemorySentLedger();
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
                          AgentRole.BACKUP)))),
          new EmailRenderer(),
          mailer,
          ledger,
          clock,
          Duration.ofSeconds(60),
          new ca.relais.core.followup.TakeLinks(
              "0123456789abcdef0123456789abcdef",
              "https://relais.example.org",
              java.time.Duration.ofDays(14)),
          new ca.relais.core.testing.InMemoryFollowUps(),
          new ca.relais.core.followup.EscalationDelays(
              java.time.Duration.ofMinutes(60), java.time.Duration.ofDays(3)));

  private Submission signUp(String id, String firstName, String email, Optional<String> phone) {
    SignUp sample = (SignUp) Samples.signUp(id, Samples.RIMOUSKI, Language.FR).content();
    Submission s =
        new Submission(
            id,
            now,
            new SignUp(
                firstName,
                sample.lastName(),
                email,
                phone,
                sample.territory(),
                sample.roles(),
                sample.language(),
                sample.availability(),
                sample.message()));
    store.submissions.put(id, s);
    return s;
  }

  private List<String> recipients() {
    return mailer.sent.stream().map(EmailMessage::to).toList();
  }

  @Test
  void anAddressGetsOneConfirmationPer24Hours_andTheAgentsAreAlertedForEachSignUp() {
    signUp("S-1", "Marie", "marie@example.org", Optional.empty());
    signUp("S-2", "Marie-Ève", "Marie@Example.org", Optional.empty());
    signUp("S-3", "M.", "marie@example.org", Optional.empty());
    assertEquals(NotifyService.Outcome.DONE, notify.notify("S-1"));
    now = now.plus(Duration.ofMinutes(3));
    assertEquals(NotifyService.Outcome.DONE, notify.notify("S-2"));
    now = now.plus(Duration.ofHours(23));
    assertEquals(NotifyService.Outcome.DONE, notify.notify("S-3"));
    assertEquals(
        List.of(
            "anne@example.org",
            "bob@example.org",
            "marie@example.org",
            "anne@example.org",
            "bob@example.org",
            "anne@example.org",
            "bob@example.org"),
        recipients());

    // a redelivery of the first sign-up sends nothing more
    assertEquals(NotifyService.Outcome.DONE, notify.notify("S-1"));
    assertEquals(7, mailer.sent.size());

    // a day after the confirmation, the next sign-up is confirmed again
    now = now.plus(Duration.ofHours(1));
    signUp("S-4", "Marie", "marie@example.org", Optional.empty());
    notify.notify("S-4");
    assertEquals("marie@example.org", recipients().get(recipients().size() - 1));
    assertEquals(10, mailer.sent.size());
  }

  @Test
  void anotherAddressIsConfirmedAtOnce() {
    signUp("S-1", "Marie", "marie@example.org", Optional.empty());
    signUp("S-2", "Marie", "marie.cote@example.org", Optional.empty());
    notify.notify("S-1");
    notify.notify("S-2");
    assertEquals(
        2,
        recipients().stream()
            .filter(to -> to.equals("marie@example.org") || to.equals("marie.cote@example.org"))
            .count());
  }

  @Test
  void aConfirmationThatFailedIsSentByTheRetry_theWindowStaysWithItsSubmission() {
    signUp("S-1", "Marie", "marie@example.org", Optional.empty());
    mailer.down = true;
    assertEquals(NotifyService.Outcome.RETRY, notify.notify("S-1"));
    mailer.down = false;
    assertEquals(NotifyService.Outcome.DONE, notify.notify("S-1"));
    assertEquals(List.of("anne@example.org", "bob@example.org", "marie@example.org"), recipients());
  }

  @Test
  void phoneWithExtensionIsShownToTheAgentReadably() {
    signUp("S-1", "Marie", "marie@example.org", Optional.of("+14185550142;ext=12"));
    notify.notify("S-1");
    EmailMessage french = mailer.sent.get(0);
    EmailMessage english = mailer.sent.get(1);
    assertTrue(french.text().contains("Téléphone : +1 418-555-0142, poste 12\n"), french.text());
    assertTrue(french.html().contains("+1 418-555-0142, poste 12"), french.html());
    assertTrue(english.text().contains("+1 418-555-0142, ext. 12\n"), english.text());
    assertFalse(french.text().contains("+14185550142"));
  }

  @Test
  void anObservationWithoutAReporterNameShowsTheAddressAlone() {
    Observation sample =
        (Observation) Samples.observation("O-1", Samples.RIMOUSKI, false).content();
    store.submissions.put(
        "O-1",
        new Submission(
            "O-1",
            now,
            new Observation(
                sample.territory(),
                sample.category(),
                sample.description(),
                false,
                sample.observedOn(),
                sample.place(),
                "eclaireur@example.org",
                Optional.empty(),
                Language.FR)));
    notify.notify("O-1");
    EmailMessage french = mailer.sent.get(0);
    assertTrue(french.text().contains("\nÉclaireur : eclaireur@example.org\n"), french.text());
    assertFalse(french.html().contains("&lt;eclaireur@example.org"), french.html());
    assertTrue(french.html().contains("<td>eclaireur@example.org</td>"), french.html());
    assertTrue(mailer.sent.get(1).text().contains("\nÉclaireur: eclaireur@example.org\n"));
  }

  @Test
  void anObservationWithAReporterNameShowsNameAndAddress() {
    store.submissions.put("O-1", Samples.observation("O-1", Samples.RIMOUSKI, false));
    notify.notify("O-1");
    assertTrue(
        mailer.sent.get(0).text().contains("Éclaireur : Jean Tremblay <eclaireur@example.org>"));
    assertTrue(
        mailer.sent.get(0).html().contains("Jean Tremblay &lt;eclaireur@example.org&gt;"),
        mailer.sent.get(0).html());
  }
}
