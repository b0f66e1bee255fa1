package ca.relais.core.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ca.relais.core.digest.DigestRenderer;
import ca.relais.core.digest.DigestService;
import ca.relais.core.digest.DigestWeek;
import ca.relais.core.model.Language;
import ca.relais.core.model.Territory;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.RecipientResolver;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.RoutingCsv;
import ca.relais.core.routing.Scope;
import ca.relais.core.testing.InMemoryRoutingDirectory;
import ca.relais.core.testing.InMemorySentLedger;
import ca.relais.core.testing.InMemorySubmissionStore;
import ca.relais.core.testing.RecordingMailer;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The smoke test's territory: open only with a recipient, alerts to it alone, in no digest. */
class TestTerritoryTest {

  private static final TerritoryDirectory QUEBEC = TerritoryDirectory.loadDefault();
  private static final RelayAgent SIMULATOR =
      new RelayAgent(
          TestTerritory.scope(),
          "success@simulator.amazonses.com",
          "Essai",
          Language.FR,
          AgentRole.PRIMARY);
  private static final RelayAgent PROGRAM =
      new RelayAgent(
          Scope.program(), "programme@example.org", "Programme", Language.FR, AgentRole.PRIMARY);

  @Test
  void mrc999ResolvesOnlyWhileTheTerritoryIsOpen() {
    TerritoryResolution open =
        new TerritoryResolver(QUEBEC, () -> true).resolve(Optional.empty(), Optional.of(" 999 "));
    TerritoryResolution.Resolved resolved =
        assertInstanceOf(TerritoryResolution.Resolved.class, open);
    assertEquals("999", resolved.mrc().code());
    assertEquals("99", resolved.region().code());

    for (TerritoryResolver closed :
        List.of(new TerritoryResolver(QUEBEC), new TerritoryResolver(QUEBEC, () -> false))) {
      TerritoryResolution.Problem problem =
          assertInstanceOf(
              TerritoryResolution.Problem.class,
              closed.resolve(Optional.empty(), Optional.of("999")));
      assertEquals("mrc", problem.field());
      assertEquals(TerritoryResolution.ProblemKind.UNKNOWN_MRC, problem.kind());
    }
    // Real MRCs are untouched by the gate
    assertInstanceOf(
        TerritoryResolution.Resolved.class,
        new TerritoryResolver(QUEBEC, () -> true).resolve(Optional.empty(), Optional.of("100")));
  }

  @Test
  void itsSubmissionsGoToItsRecipientOnlyNeverToTheProgramInbox() {
    Territory test =
        new Territory(
            "999", "Territoire d'essai", "99", "Essai", Optional.empty(), Optional.empty());
    RecipientResolver withRecipient =
        new RecipientResolver(new InMemoryRoutingDirectory(List.of(SIMULATOR, PROGRAM)));
    assertEquals(List.of(SIMULATOR), withRecipient.resolve(test).agents());

    RecipientResolver without =
        new RecipientResolver(new InMemoryRoutingDirectory(List.of(PROGRAM)));
    assertThrows(RecipientResolver.NoRecipientException.class, () -> without.resolve(test));
  }

  @Test
  void theRoutingFileAcceptsItsRecipient() throws Exception {
    List<RelayAgent> agents =
        RoutingCsv.parse(
            new StringReader(
                """
                scope,email,name,language,role
                999,success@simulator.amazonses.com,Essai,fr,primary
                *,programme@example.org,Programme,fr,primary
                """),
            QUEBEC);
    assertEquals(TestTerritory.scope(), agents.get(0).scope());
    assertThrows(
        RoutingCsv.InvalidRoutingFile.class,
        () ->
            RoutingCsv.parse(
                new StringReader(
                    """
                    scope,email,name,language,role
                    998,nobody@example.org,Personne,fr,primary
                    *,programme@example.org,Programme,fr,primary
                    """),
                QUEBEC),
        "another unknown MRC code is still refused");
  }

  @Test
  void itsRecipientGetsNoDigest() {
    InMemorySubmissionStore store = new InMemorySubmissionStore();
    RecordingMailer mailer = new RecordingMailer();
    DigestService digest =
        new DigestService(
            store,
            new InMemoryRoutingDirectory(
                List.of(
                    SIMULATOR,
                    new RelayAgent(
                        Scope.mrc("100"),
                        "anne@example.org",
                        "Anne",
                        Language.FR,
                        AgentRole.PRIMARY),
                    PROGRAM)),
            QUEBEC,
            new DigestRenderer(),
            mailer,
            new InMemorySentLedger(),
            Clock.fixed(Instant.parse("2026-11-23T13:00:00Z"), ZoneOffset.UTC),
            new ca.relais.core.testing.InMemoryFollowUps());

    DigestService.Result result = digest.run(DigestWeek.parse("2026-W47").orElseThrow());

    // Anne's MRC digest and the program inbox's; the test territory's recipient gets none
    assertEquals(2, result.sent(), "Anne and the program inbox");
    assertEquals(
        List.of("anne@example.org", "programme@example.org"),
        mailer.sent.stream().map(m -> m.to()).sorted().toList());
  }
}
