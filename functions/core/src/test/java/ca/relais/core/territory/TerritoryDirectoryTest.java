package ca.relais.core.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TerritoryDirectoryTest {

  private static final TerritoryDirectory DIRECTORY = TerritoryDirectory.loadDefault();

  @Test
  void loadsOnceAndHoldsEveryRegionMrcAndMunicipality() {
    assertSame(DIRECTORY, TerritoryDirectory.loadDefault());
    assertEquals(104, DIRECTORY.mrcs().size());
    assertEquals(1286, DIRECTORY.municipalities().size());
    Map<String, Long> kinds =
        DIRECTORY.mrcs().stream().collect(Collectors.groupingBy(Mrc::kind, Collectors.counting()));
    assertEquals(Map.of("MRC", 87L, "TE", 17L), kinds);
    for (int i = 1; i <= 17; i++) {
      assertTrue(DIRECTORY.region(String.format("%02d", i)).isPresent(), "region " + i);
    }
  }

  @Test
  void keepsCodesAsStringsWithTheirLeadingZeros() {
    assertEquals(new Region("01", "Bas-Saint-Laurent"), DIRECTORY.region("01").orElseThrow());
    assertEquals(
        new Mrc("010", "Les Îles-de-la-Madeleine", "11", "TE"), DIRECTORY.mrc("010").orElseThrow());
    assertEquals(
        new Municipality("01023", "Les Îles-de-la-Madeleine", "010", "Municipalité", "11"),
        DIRECTORY.municipality("01023").orElseThrow());
    assertTrue(DIRECTORY.mrc("10").isEmpty());
    assertTrue(DIRECTORY.municipality("1023").isEmpty());
    assertTrue(DIRECTORY.region("1").isEmpty());
  }

  @Test
  void readsQuotedFieldsContainingCommas() {
    assertEquals(
        "Établissement indien (S-É, StatCan)",
        DIRECTORY.municipality("72802").orElseThrow().designation());
  }

  @Test
  void findsAMergedMunicipalityByItsFormerCode() {
    assertEquals("Amos", DIRECTORY.municipality("88055").orElseThrow().name());
    assertEquals("La Pocatière", DIRECTORY.municipality("14085").orElseThrow().name());
  }

  @Test
  void unknownOrNullCodesAreEmpty() {
    assertTrue(DIRECTORY.mrc("999").isEmpty());
    assertTrue(DIRECTORY.mrc(null).isEmpty());
    assertTrue(DIRECTORY.region(null).isEmpty());
    assertTrue(DIRECTORY.municipality(null).isEmpty());
    assertTrue(DIRECTORY.municipality("99999").isEmpty());
  }

  @Test
  void listsMrcsByCode() {
    List<String> codes = DIRECTORY.mrcs().stream().map(Mrc::code).toList();
    assertEquals(codes.stream().sorted().toList(), codes);
    assertEquals("010", codes.get(0));
    assertEquals("993", codes.get(codes.size() - 1));
  }

  @Test
  void listsMunicipalitiesByNameIgnoringAccentsCaseAndDashes() {
    List<Municipality> list = DIRECTORY.municipalities();
    for (int i = 1; i < list.size(); i++) {
      String previous = NameFolding.fold(list.get(i - 1).name());
      String current = NameFolding.fold(list.get(i).name());
      assertTrue(previous.compareTo(current) <= 0, previous + " before " + current);
    }
    // Plain String order would put every É after Z.
    assertTrue(indexOf(list, "Les Éboulements") < indexOf(list, "Les Escoumins"));
    assertTrue(indexOf(list, "L'Île-Perrot") < indexOf(list, "L'Islet"));
    // Homonyms by code.
    assertTrue(indexOf(list, "Saint-Lambert") < indexOf(list, "Saint-Lambert-de-Lauzon"));
    assertEquals("58012", list.get(indexOf(list, "Saint-Lambert")).code());
    assertEquals("87120", list.get(indexOf(list, "Saint-Lambert") + 1).code());
  }

  @Test
  void listsAreImmutable() {
    assertThrows(UnsupportedOperationException.class, () -> DIRECTORY.mrcs().clear());
    assertThrows(UnsupportedOperationException.class, () -> DIRECTORY.municipalities().clear());
  }

  @Test
  void basSaintLaurentHasTheEightMrcsOfTheReadme() {
    Map<String, String> names =
        DIRECTORY.mrcs().stream()
            .filter(m -> m.regionCode().equals("01"))
            .collect(Collectors.toMap(Mrc::code, Mrc::name));
    assertEquals(
        Map.of(
            "140", "Kamouraska",
            "080", "La Matanie",
            "070", "La Matapédia",
            "090", "La Mitis",
            "110", "Les Basques",
            "100", "Rimouski-Neigette",
            "120", "Rivière-du-Loup",
            "130", "Témiscouata"),
        names);
  }

  @Test
  void everyMunicipalityIsInAKnownMrcOfItsOwnRegion() {
    for (Municipality m : DIRECTORY.municipalities()) {
      Mrc mrc = DIRECTORY.mrc(m.mrcCode()).orElseThrow(() -> new AssertionError(m));
      assertEquals(mrc.regionCode(), m.regionCode(), m.toString());
      assertTrue(m.code().matches("\\d{5}"), m.toString());
    }
  }

  @Test
  void countsLocalMunicipalitiesAndLandUnitsAsTheReadmeDoes() {
    Map<Boolean, Long> byKind =
        DIRECTORY.municipalities().stream()
            .collect(
                Collectors.partitioningBy(
                    Designations::isLocalMunicipality, Collectors.counting()));
    assertEquals(1123L, byKind.get(true));
    assertEquals(163L, byKind.get(false));
    Map<String, Long> landUnits =
        DIRECTORY.municipalities().stream()
            .filter(m -> !Designations.isLocalMunicipality(m))
            .collect(Collectors.groupingBy(Municipality::designation, Collectors.counting()));
    assertEquals(Designations.LAND_UNITS, landUnits.keySet());
  }

  private static int indexOf(List<Municipality> list, String name) {
    List<String> names = list.stream().map(Municipality::name).toList();
    assertTrue(names.contains(name), name);
    return names.indexOf(name);
  }
}
