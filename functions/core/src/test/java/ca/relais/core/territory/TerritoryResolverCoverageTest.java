package ca.relais.core.territory;

import static ca.relais.core.territory.TerritoryResolverTest.resolve;
import static ca.relais.core.territory.TerritoryResolverTest.resolved;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.core.territory.TerritoryResolution.Resolved;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sweeps over the whole reference data, and over random junk. */
class TerritoryResolverCoverageTest {

  private static final TerritoryDirectory DIRECTORY = TerritoryDirectory.loadDefault();

  private static Map<String, List<Municipality>> byFoldedName() {
    Map<String, List<Municipality>> byName = new HashMap<>();
    for (Municipality m : DIRECTORY.municipalities()) {
      byName.computeIfAbsent(NameFolding.fold(m.name()), k -> new ArrayList<>()).add(m);
    }
    return byName;
  }

  @Test
  void everyMunicipalityResolvesByItsOwnCode() {
    for (Municipality m : DIRECTORY.municipalities()) {
      Resolved r = resolved(m.code(), null);
      assertEquals(m, r.municipality().orElseThrow());
      assertEquals(m.mrcCode(), r.mrc().code());
      assertEquals(r.mrc().regionCode(), r.region().code());
    }
  }

  @Test
  void everyNonHomonymResolvesByItsExactNameAndItsNameInCapitalsWithoutAccents() {
    int checked = 0;
    for (List<Municipality> same : byFoldedName().values()) {
      if (same.size() == 1) {
        Municipality m = same.get(0);
        assertEquals(m, resolved(m.name(), null).municipality().orElseThrow(), m.name());
        String shouted = m.name().toUpperCase(Locale.ROOT).replace('É', 'E').replace('-', ' ');
        assertEquals(m, resolved(shouted, null).municipality().orElseThrow(), shouted);
        assertEquals(m, resolved(m.name(), m.mrcCode()).municipality().orElseThrow(), m.name());
        checked++;
      }
    }
    assertEquals(1286 - 122, checked); // 58 shared names: 57 pairs and 8 "Toponyme à venir"
  }

  @Test
  void everyHomonymResolvesToItsMrcWhenTheMrcIsGiven() {
    int groups = 0;
    for (List<Municipality> same : byFoldedName().values()) {
      if (same.size() > 1) {
        groups++;
        for (Municipality m : same) {
          Resolved r = resolved(m.name(), m.mrcCode());
          assertEquals(m.mrcCode(), r.mrc().code(), m.name());
          r.municipality().ifPresent(found -> assertEquals(m.mrcCode(), found.mrcCode()));
        }
      }
    }
    assertEquals(58, groups);
  }

  @Test
  void everyHomonymGroupOfOneMrcWithOneLocalMunicipalityPrefersIt() {
    int checked = 0;
    for (List<Municipality> same : byFoldedName().values()) {
      List<Municipality> local = same.stream().filter(Designations::isLocalMunicipality).toList();
      boolean oneMrc = same.stream().map(Municipality::mrcCode).distinct().count() == 1;
      if (same.size() > 1 && oneMrc && local.size() == 1) {
        Municipality expected = local.get(0);
        assertEquals(
            expected,
            resolved(expected.name(), null).municipality().orElseThrow(),
            expected.name());
        checked++;
      }
    }
    assertEquals(24, checked); // 13 Inuit and 9 Cree villages, Cacouna, Natashquan
  }

  @Test
  void everyMrcResolvesByCodeByNameAndByPrefixedName() {
    for (Mrc mrc : DIRECTORY.mrcs()) {
      assertEquals(mrc, resolved(null, mrc.code()).mrc());
      assertEquals(mrc, resolved(null, mrc.name()).mrc(), mrc.name());
      assertEquals(mrc, resolved(null, mrc.name().toLowerCase(Locale.ROOT)).mrc(), mrc.name());
      assertEquals(mrc, resolved(null, "MRC " + mrc.name()).mrc(), mrc.name());
      assertEquals(mrc, resolved(null, "MRC de " + mrc.name()).mrc(), mrc.name());
    }
  }

  @Test
  void randomJunkNeverThrows() {
    Random random = new Random(20260323L);
    String alphabet = "aéÉ -–—'’.()!,0123456789\u0000\u200B\u00A0🙂\uD800\uDFFFStSte";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(i % 100 == 0 ? 400 : 30);
      for (int j = 0; j < length; j++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String typed = text.toString();
      boolean asMrc = random.nextBoolean();
      assertDoesNotThrow(() -> resolve(asMrc ? null : typed, asMrc ? typed : "100"), typed);
    }
  }
}
