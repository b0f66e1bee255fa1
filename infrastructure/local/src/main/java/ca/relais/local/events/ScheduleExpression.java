package ca.relais.local.events;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(5 minutes)} or {@code cron(minutes hours
 * day-of-month month day-of-week year)}, evaluated in a time zone. Day-of-week numbers are
 * EventBridge's (1 = Sunday); {@code L}, {@code W} and {@code #} are not supported locally and are
 * refused with a clear message.
 */
public final class ScheduleExpression {

  private static final Pattern RATE =
      Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
  private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
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

  private final String text;
  private final ZoneId zone;
  private final Duration rate;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final BitSet years;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private ScheduleExpression(
      String text, ZoneId zone, Duration rate, BitSet[] fields, boolean anyDom, boolean anyDow) {
    this.text = text;
    this.zone = zone;
    this.rate = rate;
    this.minutes = fields[0];
    this.hours = fields[1];
    this.daysOfMonth = fields[2];
    this.months = fields[3];
    this.daysOfWeek = fields[4];
    this.years = fields[5];
    this.anyDayOfMonth = anyDom;
    this.anyDayOfWeek = anyDow;
  }

  public static ScheduleExpression parse(String expression, ZoneId zone) {
    String text = expression.trim();
    Matcher rate = RATE.matcher(text);
    if (rate.matches()) {
      long n = Long.parseLong(rate.group(1));
      if (n < 1) {
        throw new IllegalArgumentException("rate must be at least 1: " + expression);
      }
      Duration unit =
          rate.group(2).startsWith("minute")
              ? Duration.ofMinutes(1)
              : rate.group(2).startsWith("hour") ? Duration.ofHours(1) : Duration.ofDays(1);
      return new ScheduleExpression(text, zone, unit.multipliedBy(n), new BitSet[6], false, false);
    }
    Matcher cron = CRON.matcher(text);
    if (!cron.matches()) {
      throw new IllegalArgumentException(
          "Not a schedule expression (rate(...) or cron(...)): " + expression);
    }
    String[] parts = cron.group(1).trim().split("\\s+");
    if (parts.length != 6) {
      throw new IllegalArgumentException(
          "cron() needs 6 fields (minutes hours day-of-month month day-of-week year): "
              + expression);
    }
    boolean anyDom = parts[2].equals("?");
    boolean anyDow = parts[4].equals("?");
    if (anyDom == anyDow) {
      throw new IllegalArgumentException(
          "cron(): exactly one of day-of-month and day-of-week must be '?': " + expression);
    }
    BitSet[] fields = {
      field(parts[0], 0, 59, Map.of(), expression),
      field(parts[1], 0, 23, Map.of(), expression),
      field(parts[2], 1, 31, Map.of(), expression),
      field(parts[3], 1, 12, MONTHS, expression),
      field(parts[4], 1, 7, DAYS, expression),
      field(parts[5], 1970, 2199, Map.of(), expression)
    };
    return new ScheduleExpression(text, zone, null, fields, anyDom, anyDow);
  }

  /** The first fire time strictly after the given instant. */
  public Instant nextAfter(Instant after) {
    if (rate != null) {
      return after.plus(rate);
    }
    ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime limit = t.plusYears(5);
    while (t.isBefore(limit)) {
      if (!years.get(t.getYear()) || !months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
        continue;
      }
      if (!dayMatches(t)) {
        t = t.withHour(0).withMinute(0).plusDays(1);
        continue;
      }
      if (!hours.get(t.getHour())) {
        t = t.withMinute(0).plusHours(1);
        continue;
      }
      if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
        continue;
      }
      return t.toInstant();
    }
    throw new IllegalArgumentException("The schedule never fires in the next five years: " + text);
  }

  private boolean dayMatches(ZonedDateTime t) {
    if (anyDayOfWeek) {
      return daysOfMonth.get(t.getDayOfMonth());
    }
    int eventBridgeDay = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
    return daysOfWeek.get(eventBridgeDay);
  }

  private static BitSet field(
      String spec, int min, int max, Map<String, Integer> names, String expression) {
    BitSet bits = new BitSet(max + 1);
    if (spec.equals("?") || spec.equals("*")) {
      bits.set(min, max + 1);
      return bits;
    }
    if (spec.contains("L") && !names.containsKey(spec.toUpperCase(Locale.ROOT))
        || spec.contains("#")
        || spec.contains("W") && names.isEmpty()) {
      throw new IllegalArgumentException(
          "cron(): L, W and # are not supported by the local scheduler: " + expression);
    }
    for (String item : spec.split(",")) {
      int step = 1;
      String range = item;
      if (item.contains("/")) {
        range = item.substring(0, item.indexOf('/'));
        step = number(item.substring(item.indexOf('/') + 1), names, expression);
        if (step < 1) {
          throw new IllegalArgumentException("cron(): step must be positive: " + expression);
        }
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        from = number(range.substring(0, range.indexOf('-')), names, expression);
        to = number(range.substring(range.indexOf('-') + 1), names, expression);
      } else {
        from = number(range, names, expression);
        to = item.contains("/") ? max : from;
      }
      if (from < min || to > max || from > to) {
        throw new IllegalArgumentException(
            "cron(): " + item + " is outside " + min + "-" + max + ": " + expression);
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String text, Map<String, Integer> names, String expression) {
    Integer named = names.get(text.toUpperCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "cron(): '" + text + "' is not a number or a name: " + expression);
    }
  }

  @Override
  public String toString() {
    return text + " (" + zone + ")";
  }
}
