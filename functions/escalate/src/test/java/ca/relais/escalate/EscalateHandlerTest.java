package ca.relais.escalate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.core.followup.AlertRound;
import ca.relais.core.followup.EscalationDelays;
import ca.relais.core.followup.EscalationLadder;
import ca.relais.core.followup.EscalationService;
import ca.relais.core.followup.TakeLinks;
import ca.relais.core.model.Language;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.EmailRenderer;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.Scope;
import ca.relais.core.testing.InMemoryFollowUps;
import ca.relais.core.testing.InMemoryRoutingDirectory;
import ca.relais.core.testing.InMemorySentLedger;
import ca.relais.core.testing.InMemorySubmissionStore;
import ca.relais.core.testing.RecordingMailer;
import ca.relais.core.testing.Samples;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The handler on {@code events/escalate-schedule-every-minute.json}. */
class EscalateHandlerTest {

  @Test
  void aDueDistressReportGoesToTheBackup_andTheAnswerCountsIt() throws Exception {
    InMemorySubmissionStore store = new InMemorySubmissionStore();
    InMemoryFollowUps followUps = new InMemoryFollowUps();
    RecordingMailer mailer = new RecordingMailer();
    store.submissions.put("O-1", Samples.observation("O-1", Samples.RIMOUSKI, true));
    followUps.open(
        "O-1",
        new AlertRound(
            AlertRound.Level.MRC_PRIMARY,
            List.of("anne@example.org"),
            Instant.parse("2026-11-23T15:00:00Z")),
        Optional.of(Instant.parse("2026-11-23T16:00:00Z")));
    EscalateHandler handler =
        new EscalateHandler(
            new EscalationService(
                followUps,
                store,
                new EscalationLadder(
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
                new InMemorySentLedger(),
                new TakeLinks(
                    "0123456789abcdef0123456789abcdef",
                    "https://r.example.org",
                    Duration.ofDays(14)),
                new EscalationDelays(Duration.ofMinutes(60), Duration.ofDays(3)),
                Clock.fixed(Instant.parse("2026-11-23T16:01:00Z"), ZoneOffset.UTC)));
    Path root = Path.of(System.getProperty("relais.root", "../.."));
    @SuppressWarnings("unchecked")
    Map<String, Object> event =
        new ObjectMapper()
            .readValue(
                root.resolve("events/escalate-schedule-every-minute.json").toFile(), Map.class);
    Map<String, Object> answer = handler.handleRequest(event, null);
    assertEquals(Map.of("escalated", 1, "closed", 0, "failed", 0), answer);
    assertEquals(List.of("bob@example.org"), mailer.sent.stream().map(EmailMessage::to).toList());
  }
}
