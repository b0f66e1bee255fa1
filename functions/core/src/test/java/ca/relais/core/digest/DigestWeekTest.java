package ca.relais.core.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestWeekTest {

  @Test
  void parsesIsoWeeks_andRefusesOthers() {
    assertEquals(LocalDate.of(2026, 11, 16), DigestWeek.parse("2026-W47").orElseThrow().monday());
    assertEquals(LocalDate.of(2025, 12, 29), DigestWeek.parse("2026-W01").orElseThrow().monday());
    assertEquals(LocalDate.of(2026, 12, 28), DigestWeek.parse("2026-W53").orElseThrow().monday());
    assertEquals(Optional.empty(), DigestWeek.parse("2025-W53"));
    assertEquals(Optional.empty(), DigestWeek.parse("2026-W00"));
    assertEquals(Optional.empty(), DigestWeek.parse("last week"));
    assertEquals("2026-W47", DigestWeek.parse("2026-W47").orElseThrow().toString());
  }

  @Test
  void onMondayMorningThePreviousWeekIsTheOneThatJustEnded_inQuebecTime() {
    // Monday 23 November 2026, 08:00 EST = 13:00 UTC
    assertEquals("2026-W47", DigestWeek.previous(Instant.parse("2026-11-23T13:00:00Z")).toString());
    // Monday 04:30 UTC is still Sunday evening in Québec: the previous week is W46
    assertEquals("2026-W46", DigestWeek.previous(Instant.parse("2026-11-23T04:30:00Z")).toString());
  }

  @Test
  void weekRunsFromMondayMidnightToMondayMidnightInQuebec_acrossDaylightSaving() {
    DigestWeek w45 =
        DigestWeek.parse("2026-W45")
            .orElseThrow(); // 2–8 Nov 2026, after the switch to EST on Nov 1
    assertEquals(Instant.parse("2026-11-02T05:00:00Z"), w45.start());
    assertEquals(Instant.parse("2026-11-09T05:00:00Z"), w45.end());
    DigestWeek w44 = DigestWeek.parse("2026-W44").orElseThrow(); // 26 Oct–1 Nov: starts in EDT
    assertEquals(Instant.parse("2026-10-26T04:00:00Z"), w44.start());
    assertTrue(w45.contains(Instant.parse("2026-11-09T04:59:59Z")), "Sunday 23:59:59 in Québec");
    assertFalse(w45.contains(Instant.parse("2026-11-09T05:00:00Z")));
  }
}
