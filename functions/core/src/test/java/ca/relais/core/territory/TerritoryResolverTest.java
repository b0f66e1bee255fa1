package ca.relais.core.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.territory.TerritoryResolution.Problem;
import ca.relais.core.territory.TerritoryResolution.ProblemKind;
import ca.relais.core.territory.TerritoryResolution.Resolved;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerritoryResolverTest {

  private static final TerritoryDirectory DIRECTORY = TerritoryDirectory.loadDefault();
  private static final TerritoryResolver RESOLVER = new TerritoryResolver(DIRECTORY);

  private static Resolved municipality(String text) {
    return assertInstanceOf(
        Resolved.class, RESOLVER.resolve(Optional.of(text), Optional.empty()), text);
  }

  private static TerritoryResolution resolve(String municipality, String mrc) {
    return RESOLVER.resolve(Optional.ofNullable(municipality), Optional.ofNullable(mrc));
  }

  @ParameterizedTest
  @CsvSource({
    "Saint-Jean-Port-Joli, 17070",
    "saint jean port joli, 17070",
    "ST-JEAN-PORT-JOLI, 17070",
    "St Jean Port Joli, 17070",
    "Ste-Anne-des-Monts, 04037",
    "sainte anne des monts, 04037",
    "Rimouski, 10043",
    "Ville de Rimouski, 10043",
    "L'Islet, 17078",
    "l’islet, 17078",
    "LISLET, -",
  })
  void resolvesMunicipalityTypedWithoutAccentsDashesOrCase(String input, String code) {
    TerritoryResolution resolution = RESOLVER.resolve(Optional.of(input), Optional.empty());
    if (code.equals("-")) {
      assertInstanceOf(Problem.class, resolution);
    } else {
      assertEquals(code, ((Resolved) resolution).municipality().orElseThrow().code(), input);
    }
  }

  @Test
  void resolvesMunicipalityWithItsMrcAndRegion() {
    Resolved r = municipality("Saint-Jean-Port-Joli");
    assertEquals("170", r.mrc().code());
    assertEquals("L'Islet", r.mrc().name());
    assertEquals("12", r.region().code());
    assertEquals("Chaudière-Appalaches", r.region().name());
  }

  @Test
  void followsMergerAliases() {
    Resolved r = municipality("Asbestos");
    assertEquals("Val-des-Sources", r.municipality().orElseThrow().name());
    assertEquals("400", r.mrc().code());
  }

  @Test
  void sharedNameWithoutMrcIsAmbiguous_listingEachWithItsMrc() {
    Problem p = assertInstanceOf(Problem.class, resolve("Saint-Lambert", null));
    assertEquals(ProblemKind.AMBIGUOUS_MUNICIPALITY, p.kind());
    assertEquals("municipality", p.field());
    assertTrue(p.candidates().contains("Saint-Lambert (Longueuil)"), p.candidates().toString());
    assertTrue(p.candidates().contains("Saint-Lambert (Abitibi-Ouest)"), p.candidates().toString());
  }

  @Test
  void sharedNameWithMrcResolvesToTheOneInThatMrc() {
    Resolved r = assertInstanceOf(Resolved.class, resolve("Saint-Lambert", "580"));
    assertEquals("580", r.mrc().code());
    Resolved byName =
        assertInstanceOf(Resolved.class, resolve("saint lambert", "MRC d'Abitibi-Ouest"));
    assertEquals("870", byName.mrc().code());
  }

  @Test
  void localMunicipalityIsPreferredOverLandOfTheSameName() {
    // Each Cree village stands beside category I land of the same name, in the same territory.
    Map<String, List<Municipality>> byName = new HashMap<>();
    DIRECTORY
        .municipalities()
        .forEach(m -> byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m));
    int checked = 0;
    for (List<Municipality> homonyms : byName.values()) {
      long local = homonyms.stream().filter(m -> TerritoryResolver.rank(m) == 0).count();
      if (homonyms.size() > 1 && local == 1) {
        Municipality expected =
            homonyms.stream().filter(m -> TerritoryResolver.rank(m) == 0).findFirst().orElseThrow();
        assertEquals(
            expected.code(),
            municipality(expected.name()).municipality().orElseThrow().code(),
            expected.name());
        checked++;
      }
    }
    assertTrue(checked > 5, "checked " + checked);
  }

  @ParameterizedTest
  @CsvSource({
    "100, 100",
    "80, 080",
    "Rimouski-Neigette, 100",
    "MRC de Rimouski-Neigette, 100",
    "mrc rimouski neigette, 100",
    "La Matanie, 080",
    "MRC de La Matanie, 080",
    "Matanie, 080",
    "La Matapédia, 070",
    "La Mitis, 090",
    "Les Basques, 110",
    "Rivière-du-Loup, 120",
    "Témiscouata, 130",
    "Kamouraska, 140",
    "Lévis, 251",
    "levis, 251",
  })
  void resolvesMrcByCodeOrName(String input, String code) {
    Resolved r = assertInstanceOf(Resolved.class, resolve(null, input), input);
    assertEquals(code, r.mrc().code());
    assertTrue(r.municipality().isEmpty());
  }

  @Test
  void basSaintLaurentHasItsEightMrcs() {
    List<String> codes =
        DIRECTORY.mrcs().stream().filter(m -> m.regionCode().equals("01")).map(Mrc::code).toList();
    assertEquals(List.of("070", "080", "090", "100", "110", "120", "130", "140"), codes);
  }

  @Test
  void municipalityOutsideTheGivenMrcIsAProblemNamingItsRealMrc() {
    Problem p = assertInstanceOf(Problem.class, resolve("Rimouski", "080"));
    assertEquals(ProblemKind.MUNICIPALITY_NOT_IN_MRC, p.kind());
    assertEquals(List.of("Rimouski-Neigette"), p.candidates());
  }

  @Test
  void unknownInputsAreProblemsNeverExceptions() {
    assertEquals(ProblemKind.UNKNOWN_MUNICIPALITY, ((Problem) resolve("Atlantide", null)).kind());
    assertEquals(ProblemKind.UNKNOWN_MRC, ((Problem) resolve(null, "999")).kind());
    assertEquals(ProblemKind.UNKNOWN_MRC, ((Problem) resolve("Rimouski", "Narnia")).kind());
    assertEquals(
        ProblemKind.UNKNOWN_MUNICIPALITY, ((Problem) resolve("x".repeat(10_000), null)).kind());
    assertEquals(ProblemKind.UNKNOWN_MUNICIPALITY, ((Problem) resolve("🙂\u0000", null)).kind());
    assertEquals(ProblemKind.UNKNOWN_MUNICIPALITY, ((Problem) resolve("99999", null)).kind());
  }

  @Test
  void nothingGivenIsMissing() {
    Problem p = assertInstanceOf(Problem.class, resolve("  ", ""));
    assertEquals(ProblemKind.MISSING, p.kind());
    assertEquals("municipality", p.field());
  }

  @Test
  void everyMunicipalityResolvesByItsOwnCode() {
    for (Municipality m : DIRECTORY.municipalities()) {
      Resolved r = assertInstanceOf(Resolved.class, resolve(m.code(), null), m.code());
      assertEquals(m.code(), r.municipality().orElseThrow().code());
      assertEquals(m.mrcCode(), r.mrc().code());
    }
  }

  @Test
  void everyMunicipalityWithAUniqueNameResolvesByName() {
    Map<String, Integer> counts = new HashMap<>();
    DIRECTORY
        .municipalities()
        .forEach(m -> counts.merge(NameFolding.fold(m.name()), 1, Integer::sum));
    int checked = 0;
    for (Municipality m : DIRECTORY.municipalities()) {
      if (counts.get(NameFolding.fold(m.name())) == 1) {
        assertEquals(
            m.code(), municipality(m.name()).municipality().orElseThrow().code(), m.name());
        checked++;
      }
    }
    assertTrue(checked > 1100, "checked " + checked);
  }

  @Test
  void everyMrcResolvesByItsNameAndCode() {
    for (Mrc mrc : DIRECTORY.mrcs()) {
      assertEquals(mrc.code(), ((Resolved) resolve(null, mrc.name())).mrc().code(), mrc.name());
      assertEquals(
          mrc.code(), ((Resolved) resolve(null, "MRC " + mrc.name())).mrc().code(), mrc.name());
      assertEquals(mrc.code(), ((Resolved) resolve(null, mrc.code())).mrc().code());
    }
  }
}
