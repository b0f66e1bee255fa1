package ca.relais.core.forms;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where one Relais field comes from in a provider's payload.
 *
 * @param field the Relais field ({@code description}, {@code category}...)
 * @param questions the provider's questions that may answer it, by id, ref, key or label as the
 *     provider gives them; the first one answered wins
 * @param values the value map, from choice label to Relais value ({@code "Bon coup" → good_news}),
 *     its keys folded (case, accents and spacing do not matter); a value not in the map passes
 *     through unchanged, and validation names it when it is not a valid choice
 * @param split a separator that splits a single answer into several values (KoBoToolbox's {@code
 *     select_multiple} answers are space-separated)
 * @param namePart for a full-name question: {@code first} takes the first name, {@code last} the
 *     last name ({@code "Marie-Ève Côté"} → Marie-Ève / Côté; {@code "Côté, Marie-Ève"} too)
 * @param dateFormats extra date patterns ({@link DateTimeFormatter}, English month and AM/PM names)
 *     for a date field, besides ISO dates and date-times, which are always read
 */
public record FieldMapping(
    String field,
    List<String> questions,
    Map<String, String> values,
    Optional<String> split,
    Optional<NamePart> namePart,
    List<String> dateFormats) {

  /** The Relais fields that take a yes/no answer: several answers mean yes when any says yes. */
  static final Set<String> BOOLEAN_FIELDS = Set.of("distress", "consent");

  /** The Relais fields that keep several values as a list. */
  static final Set<String> LIST_FIELDS = Set.of("roles");

  /** The Relais fields of several answers joined into one text. */
  static final Set<String> TEXT_FIELDS =
      Set.of(
          "description",
          "place",
          "reporterName",
          "availability",
          "message",
          "firstName",
          "lastName");

  /** The Relais date fields. */
  static final Set<String> DATE_FIELDS = Set.of("observedOn");

  private static final Set<String> TRUE = Set.of("true", "on", "yes", "oui", "1", "y", "o", "vrai");
  private static final Set<String> FALSE =
      Set.of("false", "off", "no", "non", "0", "n", "faux", "");

  /** Which part of a full name a mapping takes. */
  public enum NamePart {
    FIRST,
    LAST
  }

  public FieldMapping {
    questions = List.copyOf(questions);
    Map<String, String> folded = new LinkedHashMap<>();
    values.forEach((label, value) -> folded.put(ChoiceFolding.fold(label), value));
    values = Map.copyOf(folded);
    dateFormats = List.copyOf(dateFormats);
  }

  /** A plain mapping from one question. */
  public static FieldMapping of(String field, String question) {
    return new FieldMapping(
        field, List.of(question), Map.of(), Optional.empty(), Optional.empty(), List.of());
  }

  /** The question a 422 names: the first one configured. */
  public String question() {
    return questions.get(0);
  }

  /**
   * The Relais values of one question's raw answers: split, trimmed, blanks dropped, mapped, then
   * made one value for a single-valued field (any yes for a yes/no field, joined text for a text
   * field, a date read from a date-time or a declared format for a date field, a part of a full
   * name). Several values left for another single-valued field are kept, and validation names them.
   */
  List<String> apply(List<String> raw) {
    List<String> out = new ArrayList<>();
    for (String answer : raw) {
      List<String> parts =
          split.isPresent()
              ? List.of(answer.split(java.util.regex.Pattern.quote(split.get())))
              : List.of(answer);
      for (String part : parts) {
        String value = part.strip();
        if (value.isEmpty()) {
          continue;
        }
        out.add(values.getOrDefault(ChoiceFolding.fold(value), value));
      }
    }
    if (out.isEmpty()) {
      return out;
    }
    if (namePart.isPresent()) {
      return namePart(String.join(" ", out), namePart.get()).map(List::of).orElse(List.of());
    }
    if (BOOLEAN_FIELDS.contains(field)) {
      return List.of(anyYes(out));
    }
    if (TEXT_FIELDS.contains(field) && out.size() > 1) {
      return List.of(String.join(", ", out));
    }
    if (DATE_FIELDS.contains(field)) {
      return out.stream().map(this::date).distinct().toList();
    }
    if (!LIST_FIELDS.contains(field)) {
      return List.copyOf(new LinkedHashSet<>(out));
    }
    return out;
  }

  /** {@code true} when any answer says yes, {@code false} when all say no; else the answers. */
  private static String anyYes(List<String> answers) {
    List<String> unknown = new ArrayList<>();
    for (String answer : answers) {
      String v = answer.toLowerCase(Locale.ROOT);
      if (TRUE.contains(v)) {
        return "true";
      }
      if (!FALSE.contains(v)) {
        unknown.add(answer);
      }
    }
    return unknown.isEmpty() ? "false" : String.join(", ", unknown);
  }

  /** A date as {@code YYYY-MM-DD} when it reads as one, else the answer unchanged. */
  private String date(String answer) {
    try {
      return LocalDate.parse(answer).toString();
    } catch (DateTimeParseException notIsoDate) {
      // next
    }
    try {
      // the day where the person was: 2021-12-05T16:13:38.527+02:00 is 5 December
      return OffsetDateTime.parse(answer).toLocalDate().toString();
    } catch (DateTimeParseException notOffsetDateTime) {
      // next
    }
    try {
      return ZonedDateTime.parse(answer).toLocalDate().toString();
    } catch (DateTimeParseException notZonedDateTime) {
      // next
    }
    try {
      return LocalDateTime.parse(answer).toLocalDate().toString();
    } catch (DateTimeParseException notLocalDateTime) {
      // next
    }
    for (String pattern : dateFormats) {
      try {
        TemporalAccessor parsed = formatter(pattern).parse(answer);
        return LocalDate.from(parsed).toString();
      } catch (java.time.DateTimeException notThisFormat) {
        // next
      }
    }
    return answer;
  }

  static DateTimeFormatter formatter(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .toFormatter(Locale.ENGLISH);
  }

  /**
   * A part of a full name: with a comma, {@code last, first}; else the first word is the first name
   * and the rest the last name. Empty when the name has one word and the last name is asked.
   */
  static Optional<String> namePart(String fullName, NamePart part) {
    String name = fullName.strip().replaceAll("\\s+", " ");
    String first;
    String last;
    int comma = name.indexOf(',');
    if (comma >= 0) {
      last = name.substring(0, comma).strip();
      first = name.substring(comma + 1).strip();
    } else {
      int space = name.indexOf(' ');
      first = space < 0 ? name : name.substring(0, space);
      last = space < 0 ? "" : name.substring(space + 1);
    }
    String value = part == NamePart.FIRST ? first : last;
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
