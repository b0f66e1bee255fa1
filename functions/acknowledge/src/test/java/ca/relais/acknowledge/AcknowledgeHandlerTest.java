package ca.relais.acknowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.http.HttpApiEvent;
import ca.relais.aws.http.HttpApiResponse;
import ca.relais.core.followup.AlertRound;
import ca.relais.core.followup.TakeLinks;
import ca.relais.core.followup.TakeService;
import ca.relais.core.model.Language;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.Scope;
import ca.relais.core.testing.InMemoryFollowUps;
import ca.relais.core.testing.InMemoryRoutingDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The handler on {@code events/acknowledge-*.json}, read as Lambda reads them; their token is
 * signed with {@link #SAMPLE_SECRET} for report O-20261123-7K3M9Q2X and
 * agente.100@test.example.org.
 */
class AcknowledgeHandlerTest {

  static final String SAMPLE_SECRET = "sample-take-link-secret-for-events-only-0123456789";
  private static final String ID = "O-20261123-7K3M9Q2X";

  private final InMemoryFollowUps followUps = new InMemoryFollowUps();
  private final AcknowledgeHandler handler =
      new AcknowledgeHandler(
          new TakeService(
              new TakeLinks(SAMPLE_SECRET, "", Duration.ofDays(14)),
              followUps,
              new InMemoryRoutingDirectory(
                  List.of(
                      new RelayAgent(
                          Scope.mrc("100"),
                          "agente.100@test.example.org",
                          "Agente Rimouski-Neigette",
                          Language.FR,
                          AgentRole.PRIMARY))),
              Clock.fixed(Instant.parse("2026-11-23T16:00:00Z"), ZoneOffset.UTC)));

  private static HttpApiEvent sample(String name) throws Exception {
    Path root = Path.of(System.getProperty("relais.root", "../.."));
    try (var json = Files.newInputStream(root.resolve("events/" + name))) {
      return HttpApiEvent.read(json);
    }
  }

  private void alerted() {
    followUps.open(
        ID,
        new AlertRound(
            AlertRound.Level.MRC_PRIMARY,
            List.of("agente.100@test.example.org"),
            Instant.parse("2026-11-23T15:00:00Z")),
        Optional.of(Instant.parse("2026-11-23T16:00:00Z")));
  }

  @Test
  void getShowsTheButton_andTakesNothing() throws Exception {
    alerted();
    HttpApiResponse page = handler.handleRequest(sample("acknowledge-get-take-page.json"), null);
    assertEquals(200, page.getStatusCode());
    assertTrue(page.getBody().contains(ID) && page.getBody().contains("<button"), page.getBody());
    assertTrue(
        page.getBody().contains("Signalement " + ID) && page.getBody().contains("Report " + ID));
    assertEquals("no-referrer", page.getHeaders().get("Referrer-Policy"));
    assertTrue(followUps.find(ID).orElseThrow().taken().isEmpty(), "a GET takes nothing");
  }

  @Test
  void postRecordsWhoTookIt_andASecondClickShowsWhoAndWhen() throws Exception {
    alerted();
    HttpApiResponse done = handler.handleRequest(sample("acknowledge-post-take-page.json"), null);
    assertEquals(200, done.getStatusCode(), done.getBody());
    assertTrue(done.getBody().contains("Agente Rimouski-Neigette"), done.getBody());
    assertEquals(
        "agente.100@test.example.org", followUps.find(ID).orElseThrow().taken().get().byEmail());
    HttpApiResponse again = handler.handleRequest(sample("acknowledge-post-take-page.json"), null);
    assertTrue(again.getBody().contains("déjà été pris en charge par Agente"), again.getBody());
    assertTrue(again.getBody().contains("23 novembre 2026"), again.getBody());
    assertFalse(again.getBody().contains("<button"));
  }

  @Test
  void aTamperedLinkGetsA400Page_andAnUnknownReportA404() throws Exception {
    HttpApiEvent event = sample("acknowledge-get-take-page.json");
    HttpApiResponse missing = handler.handleRequest(event, null);
    assertEquals(404, missing.getStatusCode());
    event.getQueryStringParameters().put("t", event.getQueryStringParameters().get("t") + "A");
    HttpApiResponse refused = handler.handleRequest(event, null);
    assertEquals(400, refused.getStatusCode());
    assertTrue(refused.getBody().contains("n’est pas valide"), refused.getBody());
    // a real link refused after the key of the links changed: the page gives a way forward
    assertTrue(refused.getBody().contains("la clé des liens a été changée"), refused.getBody());
    assertTrue(refused.getBody().contains("répondez au courriel"), refused.getBody());
    assertEquals("text/html; charset=utf-8", refused.getHeaders().get("Content-Type"));
  }
}
