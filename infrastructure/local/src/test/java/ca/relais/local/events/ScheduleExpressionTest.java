package ca.relais.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

  private static final ZoneId QUEBEC = ZoneId.of("America/Toronto");
  private static final ZoneId UTC = ZoneId.of("UTC");

  private static Instant next(String expression, ZoneId zone, String after) {
    return ScheduleExpression.parse(expression, zone).nextAfter(Instant.parse(after));
  }

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
    // Across the spring change (Sunday 8 March 2026): 08:00 EDT on Monday 9 March
    assertEquals(
        Instant.parse("2026-03-09T12:00:00Z"),
        monday.nextAfter(Instant.parse("2026-03-02T13:00:00Z")));
  }

  @Test
  void supportsListsRangesStepsAndNames() {
    assertEquals(
        Instant.parse("2026-11-23T09:15:00Z"),
        next("cron(0/15 9-17 ? * MON-FRI *)", UTC, "2026-11-23T09:00:00Z"));
    assertEquals(
        Instant.parse("2026-11-30T09:00:00Z"),
        next("cron(0/15 9-17 ? * MON-FRI *)", UTC, "2026-11-27T17:45:00Z"));
    assertEquals(
        Instant.parse("2026-12-01T11:30:00Z"),
        next("cron(30 6 1 * ? *)", QUEBEC, "2026-11-02T00:00:00Z"));
    // Month names with an L in them (JUL) are names, not the unsupported L
    assertEquals(
        Instant.parse("2027-06-01T12:00:00Z"),
        next("cron(0 8 1 JUN-JUL,SEP ? *)", QUEBEC, "2026-09-02T00:00:00Z"));
    // Day numbers are EventBridge's: 1 = Sunday; lists of names; */n
    assertEquals(
        Instant.parse("2026-11-29T00:00:00Z"),
        next("cron(0 0 ? * 1 *)", UTC, "2026-11-23T00:00:00Z"));
    assertEquals(
        Instant.parse("2026-11-25T00:00:00Z"),
        next("cron(*/20 0 ? * mon,wed,fri *)", UTC, "2026-11-24T00:00:00Z"));
    assertEquals(
        Instant.parse("2026-11-25T00:20:00Z"),
        next("cron(*/20 0 ? * mon,wed,fri *)", UTC, "2026-11-25T00:00:00Z"));
    // The 31st fires only in months that have one
    assertEquals(
        Instant.parse("2027-01-31T00:00:00Z"),
        next("cron(0 0 31 * ? *)", UTC, "2026-12-31T00:00:00Z"));
  }

  @Test
  void rateFiresEveryPeriodAfterThePreviousTime() {
    assertEquals(
        Instant.parse("2026-11-23T09:05:00Z"),
        next("rate(5 minutes)", UTC, "2026-11-23T09:00:00Z"));
    assertEquals(
        Instant.parse("2026-11-23T10:00:00Z"), next("rate(1 hour)", UTC, "2026-11-23T09:00:00Z"));
    assertEquals(
        Instant.parse("2026-11-25T09:00:00Z"),
        next("rate(2 days)", QUEBEC, "2026-11-23T09:00:00Z"));
    assertTrue(ScheduleExpression.parse("rate(5 minutes)", UTC).isRate());
  }

  @Test
  void daylightSavingTime_aSkippedTimeDoesNotFire_aRepeatedTimeFiresOnce() {
    // 8 March 2026: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist that day
    assertEquals(
        Instant.parse("2026-03-09T06:30:00Z"),
        next("cron(30 2 * * ? *)", QUEBEC, "2026-03-08T06:00:00Z"));
    // 1 November 2026: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice, fires once
    ScheduleExpression halfPastOne = ScheduleExpression.parse("cron(30 1 * * ? *)", QUEBEC);
    Instant first = halfPastOne.nextAfter(Instant.parse("2026-11-01T04:00:00Z"));
    assertEquals(Instant.parse("2026-11-01T05:30:00Z"), first);
    assertEquals(Instant.parse("2026-11-02T06:30:00Z"), halfPastOne.nextAfter(first));
  }

  @Test
  void oneTimeAtSchedules_andYearsThatEnd() {
    ScheduleExpression at = ScheduleExpression.parse("at(2026-12-01T09:00:00)", QUEBEC);
    assertEquals(Optional.of(Instant.parse("2026-12-01T14:00:00Z")), at.next(Instant.EPOCH));
    assertEquals(Optional.empty(), at.next(Instant.parse("2026-12-01T14:00:00Z")));
    ScheduleExpression once = ScheduleExpression.parse("cron(0 0 1 1 ? 2027)", UTC);
    assertEquals(
        Optional.of(Instant.parse("2027-01-01T00:00:00Z")),
        once.next(Instant.parse("2026-06-01T00:00:00Z")));
    assertEquals(Optional.empty(), once.next(Instant.parse("2027-01-01T00:00:00Z")));
  }

  @Test
  void invalidExpressionsAreRefusedWithAClearMessage() {
    String[][] cases = {
      {"cron(0 8 * * *)", "6 fields"},
      {"cron(0 8 * * MON *)", "exactly one of day-of-month and day-of-week"},
      {"cron(0 8 ? * ? *)", "exactly one of day-of-month and day-of-week"},
      {"cron(0 25 ? * MON *)", "hours: 25 is outside 0-23"},
      {"cron(? 8 ? * MON *)", "'?' is only allowed"},
      {"cron(0 8 ? * FUN *)", "day-of-week: 'FUN' is not a number or a day name"},
      {"cron(0 8 ? * 2#1 *)", "L, W or #"},
      {"cron(0 8 L * ? *)", "L, W or #"},
      {"cron(0 8 15W * ? *)", "L, W or #"},
      {"cron(0 8 ? * 6L *)", "L, W or #"},
      {"cron(0 17-9 ? * MON *)", "goes backwards"},
      {"cron(0/0 8 ? * MON *)", "step"},
      {"every monday", "use rate("},
      {"rate(0 minutes)", "whole number from 1"},
      {"rate(5 weeks)", "use rate("},
      {"at(next tuesday)", "at()"},
    };
    for (String[] c : cases) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> ScheduleExpression.parse(c[0], QUEBEC), c[0]);
      assertTrue(e.getMessage().contains("'" + c[0] + "'"), e.getMessage());
      assertTrue(e.getMessage().contains(c[1]), c[0] + " → " + e.getMessage());
    }
  }
}
