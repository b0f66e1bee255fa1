package ca.relais.core.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO week in Québec time: Monday 00:00 to the next Monday 00:00, America/Toronto (the time zone
 * of Québec's populated south). Written {@code 2026-W47}.
 */
public record DigestWeek(LocalDate monday) {

  public static final ZoneId QUEBEC = ZoneId.of("America/Toronto");
  private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

  public DigestWeek {
    if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException("A digest week starts on a Monday, not " + monday);
    }
  }

  /** {@code 2026-W47}; empty when the text is not an ISO week that exists. */
  public static Optional<DigestWeek> parse(String text) {
    Matcher m = ISO_WEEK.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    int year = Integer.parseInt(m.group(1));
    int week = Integer.parseInt(m.group(2));
    LocalDate anyDay = LocalDate.of(year, 6, 1);
    if (week < 1 || week > anyDay.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
      return Optional.empty();
    }
    LocalDate monday =
        LocalDate.of(year, 1, 4)
            .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return Optional.of(new DigestWeek(monday));
  }

  /** The last complete week before an instant: on Monday 08:00, the week that ended at midnight. */
  public static DigestWeek previous(Instant now) {
    LocalDate today = now.atZone(QUEBEC).toLocalDate();
    return new DigestWeek(
        today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1));
  }

  public Instant start() {
    return monday.atStartOfDay(QUEBEC).toInstant();
  }

  public Instant end() {
    return monday.plusWeeks(1).atStartOfDay(QUEBEC).toInstant();
  }

  public DigestWeek minusWeeks(int weeks) {
    return new DigestWeek(monday.minusWeeks(weeks));
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start()) && instant.isBefore(end());
  }

  public LocalDate sunday() {
    return monday.plusDays(6);
  }

  @Override
  public String toString() {
    return String.format(
        "%d-W%02d",
        monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
