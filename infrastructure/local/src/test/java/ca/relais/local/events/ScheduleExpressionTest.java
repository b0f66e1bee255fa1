package ca.relais.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

  private static final ZoneId QUEBEC = ZoneId.of("America/Toronto");

  @Test
  void mondayEightOClockInQuebec_isThirteenUtcInWinterAndTwelveInSummer() {
    ScheduleExpression monday = ScheduleExpression.parse("cron(0 8 ? * MON *)", QUEBEC);
    // Sunday 22 November 2026 → Monday 23 November 2026, 08:00 EST
    assertEquals(
        Instant.parse("2026-11-23T13:00:00Z"),
        monday.nextAfter(Instant.parse("2026-11-22T10:00:00Z")));
    // Exactly at the fire time → the next week
    assertEquals(
        Instant.parse("2026-11-30T13:00:00Z"),
        monday.nextAfter(Instant.parse("2026-11-23T13:00:00Z")));
    // Summer: Monday 6 July 2026, 08:00 EDT
    assertEquals(
        Instant.parse("2026-07-06T12:00:00Z"),
        monday.nextAfter(Instant.parse("2026-07-01T00:00:00Z")));
  }

  @Test
  void supportsListsRangesStepsAndRates() {
    ScheduleExpression every15 =
        ScheduleExpression.parse("cron(0/15 9-17 ? * MON-FRI *)", ZoneId.of("UTC"));
    assertEquals(
        Instant.parse("2026-11-23T09:15:00Z"),
        every15.nextAfter(Instant.parse("2026-11-23T09:00:00Z")));
    assertEquals(
        Instant.parse("2026-11-30T09:00:00Z"),
        every15.nextAfter(Instant.parse("2026-11-27T17:45:00Z")));
    ScheduleExpression rate = ScheduleExpression.parse("rate(5 minutes)", ZoneId.of("UTC"));
    assertEquals(
        Instant.parse("2026-11-23T09:05:00Z"),
        rate.nextAfter(Instant.parse("2026-11-23T09:00:00Z")));
    ScheduleExpression firstOfMonth = ScheduleExpression.parse("cron(30 6 1 * ? *)", QUEBEC);
    assertEquals(
        Instant.parse("2026-12-01T11:30:00Z"),
        firstOfMonth.nextAfter(Instant.parse("2026-11-02T00:00:00Z")));
  }

  @Test
  void invalidExpressionsAreRefusedWithAClearMessage() {
    for (String bad :
        new String[] {
          "cron(0 8 * * *)",
          "cron(0 8 * * MON *)",
          "cron(0 25 ? * MON *)",
          "every monday",
          "rate(0 minutes)",
          "cron(0 8 ? * 2#1 *)"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> ScheduleExpression.parse(bad, QUEBEC), bad);
      assertTrue(e.getMessage().contains(bad.substring(0, 4)), e.getMessage());
    }
  }
}
