package ca.relais.core.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.territory.TerritoryResolution.Problem;
import ca.relais.core.territory.TerritoryResolution.ProblemKind;
import ca.relais.core.territory.TerritoryResolution.Resolved;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TerritoryResolverTest {

  private static final TerritoryResolver RESOLVER =
      new TerritoryResolver(TerritoryDirectory.loadDefault());

  static TerritoryResolution resolve(String municipality, String mrc) {
    return RESOLVER.resolve(Optional.ofNullable(municipality), Optional.ofNullable(mrc));
  }

  static Resolved resolved(String municipality, String mrc) {
    TerritoryResolution r = resolve(municipality, mrc);
    return assertInstanceOf(Resolved.class, r, municipality + " / " + mrc + " gave " + r);
  }

  static String municipalityCode(String municipality, String mrc) {
    return resolved(municipality, mrc).municipality().orElseThrow().code();
  }

  static Problem problem(String municipality, String mrc, ProblemKind kind) {
    TerritoryResolution r = resolve(municipality, mrc);
    Problem p = assertInstanceOf(Problem.class, r, municipality + " / " + mrc + " gave " + r);
    assertEquals(kind, p.kind(), p.toString());
    return p;
  }

  // --- municipality names --------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "Saint-Jean-Port-Joli, 17070",
    "saint jean port joli, 17070",
    "ST JEAN PORT JOLI, 17070",
    "St-Jean-Port-Joli, 17070",
    "St. Jean Port Joli, 17070",
    "Saint–Jean—Port-Joli, 17070",
    "'  saint-jean-port-joli\t', 17070",
    "Ste-Anne-des-Monts, 04037",
    "ste anne des monts, 04037",
    "STE-ANNE-DES-MONTS, 04037",
    "l’islet, 17078",
    "Levis, 25213",
    "MONTREAL, 66023",
    "saint louis du ha ha, 13080",
    "Saint-Louis-du-Ha! Ha!, 13080",
  })
  void resolvesMunicipalityTypedWithoutAccentsOrDashes(String typed, String code) {
    assertEquals(code, municipalityCode(typed, null));
  }

  @Test
  void resolvedMunicipalityCarriesItsMrcAndRegion() {
    Resolved r = resolved("saint jean port joli", null);
    assertEquals("Saint-Jean-Port-Joli", r.municipality().orElseThrow().name());
    assertEquals(new Mrc("170", "L'Islet", "12", "MRC"), r.mrc());
    assertEquals(new Region("12", "Chaudière-Appalaches"), r.region());

    Resolved ste = resolved("Ste-Anne-des-Monts", null);
    assertEquals("040", ste.mrc().code());
    assertEquals("Gaspésie–Îles-de-la-Madeleine", ste.region().name());
  }

  @Test
  void resolvesMunicipalityByItsCode() {
    Resolved r = resolved("10043", null);
    assertEquals("Rimouski", r.municipality().orElseThrow().name());
    assertEquals("100", r.mrc().code());
    assertEquals("01023", municipalityCode("01023", null));
    assertEquals("88057", municipalityCode("88055", null)); // Amos, former code
  }

  @ParameterizedTest
  @CsvSource({
    "Ville de Rimouski, 10043",
    "ville de rimouski, 10043",
    "Municipalité de Saint-Fabien, 10070", // a paroisse: the designation typed need not be exact
    "Paroisse de Saint-Fabien, 10070",
    "Canton de Cloridorme, 03010",
    "Municipalité des Escoumins, 95025",
    "Ville de La Tuque, 90012",
    "Ville de Québec, 23027",
    "Ville de Lévis, 25213",
    "Village nordique de Kuujjuaq, 99095",
    "City of Sherbrooke, 43027",
  })
  void acceptsALeadingDesignation(String typed, String code) {
    assertEquals(code, municipalityCode(typed, null));
  }

  @ParameterizedTest
  @CsvSource({
    "Canton de Bedford, 46040",
    "Ville de Bedford, 46035",
    "Paroisse de Saint-Lambert, 87120",
    "Ville de Saint-Lambert, 58012",
    "Terre de la catégorie I de Kuujjuaq, -",
    "Réserve indienne de Cacouna, 12804",
  })
  void designationTypedPicksAmongSameNamedEntities(String typed, String code) {
    if (code.equals("-")) {
      // Not a designation word people use: the text stays unknown rather than guessed.
      problem(typed, null, ProblemKind.UNKNOWN_MUNICIPALITY);
    } else {
      assertEquals(code, municipalityCode(typed, null));
    }
  }

  // --- aliases ---------------------------------------------------------------------------------

  @Test
  void followsMergerAndRenamingAliases() {
    Resolved asbestos = resolved("Asbestos", null);
    assertEquals("Val-des-Sources", asbestos.municipality().orElseThrow().name());
    assertEquals("40043", asbestos.municipality().orElseThrow().code());
    assertEquals("400", asbestos.mrc().code());
    assertEquals("40043", municipalityCode("asbestos", "Les Sources"));
    assertEquals("78047", municipalityCode("Saint-Faustin-Lac-Carré", null)); // Mont-Blanc
    assertEquals("93022", municipalityCode("Hébertville-Station", null));
    assertEquals("85052", municipalityCode("Angliers", null)); // Laverlochère-Angliers
  }

  @Test
  void currentNameWinsOverAFormerNameSpelledTheSame() {
    // Saint-Simon is a municipality of Les Maskoutains and the former name of
    // Saint-Simon-de-Rimouski (Les Basques).
    assertEquals("54090", municipalityCode("Saint-Simon", null));
    assertEquals("11055", municipalityCode("Saint-Simon", "Les Basques"));
  }

  @Test
  void formerShortNameIsAmbiguousWithCurrentNamesThatExtendIt() {
    // Saint-Bruno merged into Hébertville, but Saint-Bruno-de-Montarville is what many will mean.
    Problem p = problem("Saint-Bruno", null, ProblemKind.AMBIGUOUS_MUNICIPALITY);
    assertTrue(p.candidates().contains("Hébertville (Lac-Saint-Jean-Est)"), p.toString());
    assertTrue(p.candidates().contains("Saint-Bruno-de-Montarville (Longueuil)"), p.toString());
    assertEquals("58037", municipalityCode("St-Bruno", "580"));
    assertEquals("93022", municipalityCode("Saint-Bruno", "Lac-Saint-Jean-Est"));
  }

  // --- names shared by several entities --------------------------------------------------------

  @Test
  void sharedNameWithoutMrcIsAmbiguousListingEachWithItsMrc() {
    Problem p = problem("Saint-Lambert", null, ProblemKind.AMBIGUOUS_MUNICIPALITY);
    assertEquals("municipality", p.field());
    assertEquals(
        List.of("Saint-Lambert (Longueuil)", "Saint-Lambert (Abitibi-Ouest)"), p.candidates());
  }

  @Test
  void sharedNameWithMrcResolvesToTheOneInThatMrc() {
    Resolved longueuil = resolved("Saint-Lambert", "580");
    assertEquals("58012", longueuil.municipality().orElseThrow().code());
    assertEquals("16", longueuil.region().code());
    assertEquals("87120", municipalityCode("saint lambert", "MRC d'Abitibi-Ouest"));
    assertEquals("15035", municipalityCode("Clermont", "Charlevoix-Est"));
    assertEquals("87110", municipalityCode("Clermont", "870"));
  }

  @ParameterizedTest
  @CsvSource({
    "Saint-Lambert (Abitibi-Ouest), 87120",
    "Saint-Lambert (Longueuil), 58012",
    "saint lambert (mrc d'abitibi-ouest), 87120",
    "Lac-Simon (La Vallée-de-l'Or), 89804",
  })
  void acceptsACandidateTypedBackWithItsMrc(String typed, String code) {
    assertEquals(code, municipalityCode(typed, null));
  }

  @Test
  void candidateTypedBackWithAnUnknownMrcIsUnknown() {
    problem("Saint-Lambert (Narnia)", null, ProblemKind.UNKNOWN_MUNICIPALITY);
  }

  @ParameterizedTest
  @CsvSource({
    "Chisasibi, 99055, Village cri (Terre de la catégorie IB)",
    "Waswanipi, 99010, Village cri (Terre de la catégorie IB)",
    "Oujé-Bougoumou, 99820, Village cri (Terre de la catégorie IB)",
    "Kuujjuaq, 99095, Village nordique",
    "Salluit, 99135, Village nordique",
    "Cacouna, 12057, Municipalité",
    "Natashquan, 98025, Municipalité",
  })
  void prefersTheLocalMunicipalityOverLandOfTheSamePlace(
      String name, String code, String designation) {
    Municipality m = resolved(name, null).municipality().orElseThrow();
    assertEquals(code, m.code());
    assertEquals(designation, m.designation());
  }

  @ParameterizedTest
  @CsvSource({
    "Lac-Simon, Papineau, La Vallée-de-l'Or",
    "Rivière-Saint-Jean, La Côte-de-Gaspé, Minganie",
    "Kawawachikamach, Caniapiscau, Kativik",
  })
  void sameNameInTwoMrcsStaysAmbiguousEvenAgainstALandUnit(String name, String mrc1, String mrc2) {
    Problem p = problem(name, null, ProblemKind.AMBIGUOUS_MUNICIPALITY);
    assertEquals(2, p.candidates().size(), p.toString());
    assertTrue(p.candidates().contains(name + " (" + mrc1 + ")"), p.toString());
    assertTrue(p.candidates().contains(name + " (" + mrc2 + ")"), p.toString());
  }

  @Test
  void landUnitResolvesWhenItsMrcIsGiven() {
    assertEquals("89804", municipalityCode("Lac-Simon", "890"));
    assertEquals("80095", municipalityCode("Lac-Simon", "800"));
    assertEquals("97806", municipalityCode("Kawawachikamach", "Caniapiscau"));
    assertEquals("99055", municipalityCode("Chisasibi", "993")); // the village, within its TE
  }

  @Test
  void sameNamedMunicipalitiesOfOneMrcGiveThatMrcWithoutGuessingWhichOne() {
    Resolved bedford = resolved("Bedford", null);
    assertEquals("460", bedford.mrc().code());
    assertTrue(bedford.municipality().isEmpty());
    assertTrue(resolved("Hatley", "Memphrémagog").municipality().isEmpty());
    Resolved unnamed = resolved("Toponyme à venir", null);
    assertEquals("993", unnamed.mrc().code());
    assertTrue(unnamed.municipality().isEmpty());
  }

  // --- MRC -------------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "100, 100",
    "080, 080",
    "80, 080",
    "10, 010",
    "Rimouski-Neigette, 100",
    "MRC de Rimouski-Neigette, 100",
    "MRC Rimouski-Neigette, 100",
    "mrc rimouski neigette, 100",
    "M.R.C. de Rimouski-Neigette, 100",
    "La Matanie, 080",
    "mrc de la matanie, 080",
    "Matanie, 080",
    "MRC des Basques, 110",
    "MRC du Granit, 300",
    "MRC de L'Islet, 170",
    "MRC de D'Autray, 520",
    "Montréal, 660",
    "Lévis, 251",
    "levis, 251",
    "TE Lévis, 251",
    "Ville de Québec, 230",
    "Agglomération de Longueuil, 580",
    "Eeyou Istchee, 993",
  })
  void resolvesMrcByCodeOrName(String typed, String code) {
    Resolved r = resolved(null, typed);
    assertEquals(code, r.mrc().code());
    assertTrue(r.municipality().isEmpty());
  }

  @Test
  void mrcOnlyCarriesItsRegion() {
    Resolved r = resolved(null, "MRC de Rimouski-Neigette");
    assertEquals("100", r.mrc().code());
    assertEquals(new Region("01", "Bas-Saint-Laurent"), r.region());
    assertEquals("Rimouski-Neigette", resolved(null, "100").mrc().name());
    assertEquals("TE", resolved(null, "Lévis").mrc().kind());
  }

  @ParameterizedTest
  @CsvSource({
    "Kamouraska, 140",
    "La Matanie, 080",
    "La Matapédia, 070",
    "La Mitis, 090",
    "Les Basques, 110",
    "Rimouski-Neigette, 100",
    "Rivière-du-Loup, 120",
    "Témiscouata, 130",
  })
  void resolvesTheEightMrcsOfBasSaintLaurent(String name, String code) {
    Resolved r = resolved(null, name);
    assertEquals(code, r.mrc().code());
    assertEquals("01", r.region().code());
    assertEquals(code, resolved(null, "MRC " + name).mrc().code());
    assertEquals(code, resolved(null, code).mrc().code());
  }

  @Test
  void municipalityAndMrcGivenTogetherMustAgree() {
    Resolved r = resolved("Rimouski", "100");
    assertEquals("10043", r.municipality().orElseThrow().code());
    assertEquals("10043", municipalityCode("Rimouski", "MRC de Rimouski-Neigette"));
  }

  @Test
  void municipalityOutsideTheGivenMrcIsAProblemNamingItsActualMrc() {
    Problem p = problem("Rimouski", "080", ProblemKind.MUNICIPALITY_NOT_IN_MRC);
    assertEquals("municipality", p.field());
    assertEquals(List.of("Rimouski-Neigette"), p.candidates());
    Problem shared = problem("Saint-Lambert", "100", ProblemKind.MUNICIPALITY_NOT_IN_MRC);
    assertEquals(List.of("Longueuil", "Abitibi-Ouest"), shared.candidates());
  }

  // --- what cannot be resolved -----------------------------------------------------------------

  @Test
  void nothingGivenIsMissingOnTheMunicipalityField() {
    for (Optional<String> blank :
        List.of(Optional.<String>empty(), Optional.of(""), Optional.of(" \t\n "))) {
      TerritoryResolution r = RESOLVER.resolve(blank, blank);
      assertEquals(new Problem("municipality", ProblemKind.MISSING, List.of()), r);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Atlantide", "Saint-Jean", "Rimouski-Neigette", "99999", "1234", "100", "x"})
  void unknownMunicipalityIsAProblemOnTheMunicipalityField(String typed) {
    Problem p = problem(typed, null, ProblemKind.UNKNOWN_MUNICIPALITY);
    assertEquals("municipality", p.field());
    assertEquals(List.of(), p.candidates());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Narnia", "999", "0", "1000", "0100", "Bas-Saint-Laurent", "MRC de"})
  void unknownMrcIsAProblemOnTheMrcField(String typed) {
    Problem p = problem(null, typed, ProblemKind.UNKNOWN_MRC);
    assertEquals("mrc", p.field());
    Problem withMunicipality = problem("Rimouski", typed, ProblemKind.UNKNOWN_MRC);
    assertEquals("mrc", withMunicipality.field());
  }

  @Test
  void unknownMunicipalityWithAKnownMrcIsStillUnknown() {
    problem("Atlantide", "100", ProblemKind.UNKNOWN_MUNICIPALITY);
  }

  @Test
  void inputLongerThan200CharactersIsUnknown() {
    String huge = "Rimouski ".repeat(1_112).substring(0, 10_000);
    problem(huge, null, ProblemKind.UNKNOWN_MUNICIPALITY);
    problem(null, huge, ProblemKind.UNKNOWN_MRC);
    problem("x".repeat(10_000), null, ProblemKind.UNKNOWN_MUNICIPALITY);
    String padded = "Rimouski" + " ".repeat(195) + "x";
    problem(padded, null, ProblemKind.UNKNOWN_MUNICIPALITY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Rimouski\u0000",
        "Rimou\u0007ski",
        "🙂",
        "Rimouski 🙂",
        "Saint-Jean-Port-Joli💥",
        "\uD800",
        "((((",
        "()",
        "Saint-Lambert (Longueuil",
        "Saint-Lambert ((Longueuil))",
        "'; DROP TABLE mrc; --",
        "<script>alert(1)</script>",
        "%00",
        "١٠٠٤٣",
      })
  void controlCharactersEmojiAndJunkAreUnknown(String typed) {
    problem(typed, null, ProblemKind.UNKNOWN_MUNICIPALITY);
    problem(null, typed, ProblemKind.UNKNOWN_MRC);
  }
}
