package ca.relais.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.digest.DigestRenderer;
import ca.relais.core.digest.DigestService;
import ca.relais.core.model.Language;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.Scope;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.testing.InMemoryFollowUps;
import ca.relais.core.testing.InMemoryRoutingDirectory;
import ca.relais.core.testing.InMemorySentLedger;
import ca.relais.core.testing.InMemorySubmissionStore;
import ca.relais.core.testing.RecordingMailer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler on {@code events/digest-schedule-*.json}, on Wednesday 2 December 2026 (W49). */
class DigestHandlerTest {

  private final RecordingMailer mailer = new RecordingMailer();
  private final Clock wednesdayOfW49 =
      Clock.fixed(Instant.parse("2026-12-02T15:00:00Z"), ZoneOffset.UTC);
  private final DigestHandler handler =
      new DigestHandler(
          new DigestService(
              new InMemorySubmissionStore(),
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
              wednesdayOfW49,
              new InMemoryFollowUps()),
          wednesdayOfW49);

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sample(String name) throws Exception {
    Path root = Path.of(System.getProperty("relais.root", "../.."));
    return new ObjectMapper().readValue(root.resolve("events/" + name).toFile(), Map.class);
  }

  @Test
  void theWeekInProgressIsRefused_andNothingIsSentOrClaimed_thenItsPreviewIsMarked()
      throws Exception {
    Map<String, Object> refused = handler.handleRequest(Map.of("week", "2026-W49"), null);
    assertEquals("week_not_ended", refused.get("error"));
    assertTrue(String.valueOf(refused.get("message")).contains("2026-W49"));
    assertEquals(List.of(), mailer.sent);

    Map<String, Object> preview =
        handler.handleRequest(sample("digest-schedule-preview.json"), null);
    assertEquals(Boolean.TRUE, preview.get("preview"));
    assertEquals(1, preview.get("sent"));
    EmailMessage email = mailer.sent.get(0);
    assertTrue(email.subject().startsWith("[APERÇU] Relais · Résumé de la semaine 2026-W49"));

    // nothing was claimed: the real run, once the week ends, still sends it
    Map<String, Object> again = handler.handleRequest(sample("digest-schedule-preview.json"), null);
    assertEquals(1, again.get("sent"));
    assertEquals(0, again.get("alreadySent"));
  }

  @Test
  void aPastWeekIsSentOnce_andABadWeekIsAnError() throws Exception {
    Map<String, Object> first =
        handler.handleRequest(sample("digest-schedule-given-week.json"), null);
    assertEquals(1, first.get("sent"));
    assertEquals(
        0, handler.handleRequest(sample("digest-schedule-given-week.json"), null).get("sent"));
    assertEquals("bad_week", handler.handleRequest(Map.of("week", "2026-W99"), null).get("error"));
    Map<String, Object> previous =
        handler.handleRequest(sample("digest-schedule-previous-week.json"), null);
    assertEquals("2026-W48", previous.get("week"));
  }
}
