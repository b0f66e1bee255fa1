package ca.relais.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.model.Language;
import ca.relais.core.territory.TerritoryDirectory;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingCsvTest {

  private static List<RelayAgent> parse(String csv) throws Exception {
    return RoutingCsv.parse(new StringReader(csv), TerritoryDirectory.loadDefault());
  }

  @Test
  void readsMrcRegionAndProgramScopes_withQuotedNames() throws Exception {
    List<RelayAgent> agents =
        parse(
            """
        scope,email,name,language,role
        100,a@example.org,"Tremblay, Anne",fr,primary
        region:01,team@example.org,Équipe BSL,EN,backup
        *,program@example.org,Programme,,primary
        """);
    assertEquals(3, agents.size());
    assertEquals(Scope.mrc("100"), agents.get(0).scope());
    assertEquals("Tremblay, Anne", agents.get(0).name());
    assertEquals(Scope.region("01"), agents.get(1).scope());
    assertEquals(Language.EN, agents.get(1).language());
    assertEquals(AgentRole.BACKUP, agents.get(1).role());
    assertEquals(Language.FR, agents.get(2).language());
  }

  @Test
  void namesEveryBadRowAndLoadsNothing() {
    RoutingCsv.InvalidRoutingFile e =
        assertThrows(
            RoutingCsv.InvalidRoutingFile.class,
            () ->
                parse(
                    """
        scope,email,name,language,role
        998,a@example.org,Anne,fr,primary
        100,not-an-email,Bob,fr,primary
        region:42,c@example.org,Chloé,fr,primary
        100,d@example.org,Dan,de,boss
        *,p@example.org,Programme,fr,primary
        """));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("Row 2, scope: unknown MRC code 998"), all);
    assertTrue(all.contains("Row 3, email"), all);
    assertTrue(all.contains("Row 4, scope: unknown region code 42"), all);
    assertTrue(all.contains("Row 5, language") && all.contains("Row 5, role"), all);
  }

  @Test
  void refusesAFileWithoutProgramInboxOrWithAWrongHeader() {
    assertThrows(
        RoutingCsv.InvalidRoutingFile.class,
        () -> parse("scope,email,name,language,role\n100,a@example.org,A,fr,primary\n"));
    assertThrows(RoutingCsv.InvalidRoutingFile.class, () -> parse("email,scope\n"));
    assertThrows(RoutingCsv.InvalidRoutingFile.class, () -> parse(""));
  }
}
