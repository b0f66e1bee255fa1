package ca.relais.local.events;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler expression, evaluated in a time zone as Scheduler does:
 *
 * <ul>
 *   <li>{@code rate(N minutes|hours|days)} (also the singular units);
 *   <li>{@code cron(minutes hours day-of-month month day-of-week year)} with {@code *}, {@code ?}
 *       (in exactly one of day-of-month and day-of-week), values, ranges {@code a-b}, lists {@code
 *       a,b} and steps {@code a/n}, {@code a-b/n}, {@code *}{@code /n}; months {@code JAN-DEC} and
 *       days {@code SUN-SAT} by name; day-of-week numbers are EventBridge's (1 = Sunday). {@code
 *       L}, {@code W} and {@code #} are refused with a clear message;
 *   <li>{@code at(yyyy-mm-ddThh:mm:ss)}, a one-time schedule.
 * </ul>
 *
 * Daylight saving time as in Scheduler: a time that the clocks skip in spring does not fire; a time
 * that they repeat in the fall fires once.
 */
public final class ScheduleExpression {

  private static final Pattern RATE =
      Pattern.compile("rate\\(\\s*(\\d+)\\s+(minutes?|hours?|days?)\\s*\\)");
  private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
  private static final Pattern AT = Pattern.compile("at\\((.*)\\)");
  private static final Pattern UNSUPPORTED = Pattern.compile("(\\d*L|\\d+W|LW|\\d+#\\d+)");
  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("JAN", 1),
          Map.entry("FEB", 2),
          Map.entry("MAR", 3),
          Map.entry("APR", 4),
          Map.entry("MAY", 5),
          Map.entry("JUN", 6),
          Map.entry("JUL", 7),
          Map.entry("AUG", 8),
          Map.entry("SEP", 9),
          Map.entry("OCT", 10),
          Map.entry("NOV", 11),
          Map.entry("DEC", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5, "FRI", 6, "SAT", 7);
  private static final String[] FIELD_NAMES = {
    "minutes", "hours", "day-of-month", "month", "day-of-week", "year"
  };

  private final String text;
  private final ZoneId zone;
  private final Duration rate;
  private final Instant at;
  private final BitSet[] fields;
  private final boolean anyDayOfMonth;

  private ScheduleExpression(
      String text, ZoneId zone, Duration rate, Instant at, BitSet[] fields, boolean anyDom) {
    this.text = text;
    this.zone = zone;
    this.rate = rate;
    this.at = at;
    this.fields = fields;
    this.anyDayOfMonth = anyDom;
  }

  /**
   * Parses an expression.
   *
   * @param expression {@code rate(...)}, {@code cron(...)} or {@code at(...)}
   * @param zone where {@code cron} and {@code at} are evaluated ({@code
   *     ScheduleExpressionTimezone})
   * @throws IllegalArgumentException that quotes the expression and says what is wrong
   */
  public static ScheduleExpression parse(String expression, ZoneId zone) {
    String text = expression == null ? "" : expression.trim();
    Matcher rate = RATE.matcher(text);
    if (rate.matches()) {
      long n;
      try {
        n = Long.parseLong(rate.group(1));
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1 || n > 1_000_000) {
        throw invalid(expression, "the rate must be a whole number from 1");
      }
      String unit = rate.group(2);
      Duration one =
          unit.startsWith("minute")
              ? Duration.ofMinutes(1)
              : unit.startsWith("hour") ? Duration.ofHours(1) : Duration.ofDays(1);
      return new ScheduleExpression(text, zone, one.multipliedBy(n), null, null, false);
    }
    Matcher at = AT.matcher(text);
    if (at.matches()) {
      try {
        Instant instant = LocalDateTime.parse(at.group(1).trim()).atZone(zone).toInstant();
        return new ScheduleExpression(text, zone, null, instant, null, false);
      } catch (DateTimeParseException e) {
        throw invalid(expression, "at() needs a date and time such as at(2026-11-23T08:00:00)");
      }
    }
    Matcher cron = CRON.matcher(text);
    if (!cron.matches()) {
      throw invalid(
          expression, "use rate(N minutes|hours|days), cron(6 fields) or at(yyyy-mm-ddThh:mm:ss)");
    }
    String[] parts = cron.group(1).trim().split("\\s+");
    if (parts.length != 6) {
      throw invalid(
          expression,
          "cron() needs 6 fields (minutes hours day-of-month month day-of-week year), not "
              + (parts[0].isEmpty() ? 0 : parts.length));
    }
    boolean anyDom = parts[2].equals("?");
    boolean anyDow = parts[4].equals("?");
    if (anyDom == anyDow) {
      throw invalid(
          expression, "exactly one of day-of-month and day-of-week must be '?' in cron()");
    }
    BitSet[] fields = {
      field(parts, 0, 0, 59, Map.of(), expression),
      field(parts, 1, 0, 23, Map.of(), expression),
      field(parts, 2, 1, 31, Map.of(), expression),
      field(parts, 3, 1, 12, MONTHS, expression),
      field(parts, 4, 1, 7, DAYS, expression),
      field(parts, 5, 1970, 2199, Map.of(), expression)
    };
    return new ScheduleExpression(text, zone, null, null, fields, anyDom);
  }

  /** The time zone the expression is evaluated in. */
  public ZoneId zone() {
    return zone;
  }

  /** Whether this is a {@code rate(...)} expression. */
  public boolean isRate() {
    return rate != null;
  }

  /**
   * The first fire time strictly after an instant; for {@code rate}, the instant is taken as the
   * previous fire time.
   *
   * @return empty for a one-time {@code at()} schedule that has passed, or a cron expression that
   *     never fires again (its years are over)
   */
  public Optional<Instant> next(Instant after) {
    if (rate != null) {
      return Optional.of(after.plus(rate));
    }
    if (at != null) {
      return after.isBefore(at) ? Optional.of(at) : Optional.empty();
    }
    ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    while (t.getYear() <= 2199) {
      if (!fields[5].get(t.getYear())) {
        t = ZonedDateTime.of(t.getYear() + 1, 1, 1, 0, 0, 0, 0, zone);
      } else if (!fields[3].get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!fields[1].get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!fields[0].get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else if (!t.equals(t.withEarlierOffsetAtOverlap())) {
        t = t.plusMinutes(1); // the hour the clocks repeat in the fall fires once
      } else {
        return Optional.of(t.toInstant());
      }
    }
    return Optional.empty();
  }

  /**
   * The first fire time strictly after an instant (see {@link #next}).
   *
   * @throws NoSuchElementException when the schedule never fires again
   */
  public Instant nextAfter(Instant after) {
    return next(after)
        .orElseThrow(
            () -> new NoSuchElementException("The schedule " + this + " does not fire again"));
  }

  private boolean dayMatches(ZonedDateTime t) {
    if (anyDayOfMonth) {
      DayOfWeek day = t.getDayOfWeek();
      return fields[4].get(day == DayOfWeek.SUNDAY ? 1 : day.getValue() + 1);
    }
    return fields[2].get(t.getDayOfMonth());
  }

  private static BitSet field(
      String[] parts, int index, int min, int max, Map<String, Integer> names, String expression) {
    String spec = parts[index].toUpperCase(Locale.ROOT);
    String name = FIELD_NAMES[index];
    BitSet bits = new BitSet(max + 1);
    if (spec.equals("?")) {
      if (index != 2 && index != 4) {
        throw invalid(expression, "'?' is only allowed in day-of-month or day-of-week");
      }
      bits.set(min, max + 1);
      return bits;
    }
    for (String item : spec.split(",", -1)) {
      int slash = item.indexOf('/');
      String range = slash < 0 ? item : item.substring(0, slash);
      int step = 1;
      if (slash >= 0) {
        step = number(item.substring(slash + 1), Map.of(), name, expression);
        if (step < 1) {
          throw invalid(expression, name + ": the step after '/' must be at least 1");
        }
      }
      int from;
      int to;
      int dash = range.indexOf('-');
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (dash > 0) {
        from = number(range.substring(0, dash), names, name, expression);
        to = number(range.substring(dash + 1), names, name, expression);
      } else {
        from = number(range, names, name, expression);
        to = slash >= 0 ? max : from;
      }
      if (from < min || to > max) {
        throw invalid(expression, name + ": " + item + " is outside " + min + "-" + max);
      }
      if (from > to) {
        throw invalid(expression, name + ": the range " + range + " goes backwards");
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(
      String token, Map<String, Integer> names, String field, String expression) {
    Integer named = names.get(token);
    if (named != null) {
      return named;
    }
    if (token.matches("\\d{1,4}")) {
      return Integer.parseInt(token);
    }
    if (UNSUPPORTED.matcher(token).matches()) {
      throw invalid(
          expression,
          field + ": '" + token + "' uses L, W or #, which the local scheduler does not support");
    }
    throw invalid(
        expression,
        field
            + ": '"
            + token
            + "' is not a number"
            + (names == DAYS
                ? " or a day name (SUN-SAT)"
                : names == MONTHS ? " or a month name (JAN-DEC)" : ""));
  }

  private static IllegalArgumentException invalid(String expression, String why) {
    return new IllegalArgumentException("Invalid schedule expression '" + expression + "': " + why);
  }

  @Override
  public String toString() {
    return text + " (" + zone + ")";
  }

  /** Checks that a zone id is valid; a clear message otherwise. */
  static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "Invalid ScheduleExpressionTimezone '"
              + id
              + "': not a time zone such as America/Toronto",
          e);
    }
  }
}
