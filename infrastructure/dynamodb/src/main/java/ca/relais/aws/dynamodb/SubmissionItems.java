package ca.relais.aws.dynamodb;

import ca.relais.core.model.Category;
import ca.relais.core.model.FieldSpec;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionNotes;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.model.Territory;
import ca.relais.core.privacy.ConsentProof;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps a {@link Submission} to its DynamoDB item and back. */
public final class SubmissionItems {

  private SubmissionItems() {}

  public static Map<String, AttributeValue> toItem(Submission submission, Instant retainUntil) {
    Map<String, AttributeValue> item = new HashMap<>();
    Territory territory = submission.content().territory();
    put(item, TableLayout.PK, TableLayout.submissionPk(submission.id()));
    put(item, TableLayout.SK, TableLayout.SUBMISSION);
    put(item, TableLayout.RECORD_TYPE, TableLayout.SUBMISSION);
    put(item, TableLayout.GSI1_PK, TableLayout.mrcPartition(territory.mrcCode()));
    put(item, TableLayout.GSI1_SK, submission.receivedAt() + "#" + submission.id());
    item.put(TableLayout.EXPIRES_AT, number(retainUntil.getEpochSecond()));
    put(item, "id", submission.id());
    put(item, "submissionType", submission.type().name());
    put(item, "receivedAt", submission.receivedAt().toString());
    put(item, "language", submission.content().language().code());
    put(item, "mrcCode", territory.mrcCode());
    put(item, "mrcName", territory.mrcName());
    put(item, "regionCode", territory.regionCode());
    put(item, "regionName", territory.regionName());
    put(item, "municipalityCode", territory.municipalityCode());
    put(item, "municipalityName", territory.municipalityName());
    if (submission.content() instanceof SignUp signUp) {
      put(item, "firstName", signUp.firstName());
      put(item, "lastName", signUp.lastName());
      put(item, "email", signUp.email());
      put(item, "phone", signUp.phone());
      item.put(
          "roles",
          AttributeValue.fromSs(signUp.roles().stream().map(Role::code).sorted().toList()));
      put(item, "availability", signUp.availability());
      put(item, "message", signUp.message());
    } else if (submission.content() instanceof ReportToReview review) {
      put(item, "reviewReason", review.reason().name());
      put(item, "intendedType", review.intended().name());
      put(item, "formId", review.formId());
      item.put("distress", AttributeValue.fromBool(review.distress()));
      item.put(
          "problems",
          AttributeValue.fromL(
              review.problems().stream()
                  .map(
                      p ->
                          AttributeValue.fromM(
                              Map.of(
                                  "field", AttributeValue.fromS(p.field()),
                                  "question", AttributeValue.fromS(p.question()),
                                  "messageKey", AttributeValue.fromS(p.messageKey()),
                                  "arguments", strings(p.arguments()))))
                  .toList()));
      item.put(
          "answers",
          AttributeValue.fromL(
              review.answers().stream()
                  .map(
                      a ->
                          AttributeValue.fromM(
                              Map.of(
                                  "question", AttributeValue.fromS(a.question()),
                                  "values", strings(a.values()))))
                  .toList()));
    } else {
      Observation observation = (Observation) submission.content();
      put(item, "category", observation.category().code());
      put(item, "description", observation.description());
      item.put("distress", AttributeValue.fromBool(observation.distress()));
      put(item, "observedOn", observation.observedOn().map(LocalDate::toString));
      put(item, "place", observation.place());
      put(item, "reporterEmail", observation.reporterEmail());
      put(item, "reporterName", observation.reporterName());
    }
    put(item, "correctionOf", submission.notes().correctionOf());
    if (!submission.notes().droppedAnswers().isEmpty()) {
      item.put("droppedAnswers", strings(submission.notes().droppedAnswers()));
    }
    submission
        .consent()
        .ifPresent(
            consent -> {
              if (!consent.purposes().isEmpty()) {
                item.put("consentPurposes", AttributeValue.fromSs(consent.purposes()));
              }
              put(item, "noticeVersion", consent.noticeVersion());
              put(item, "noticeHash", consent.noticeHash());
              put(item, "consentAt", consent.at().toString());
              put(item, "channel", consent.channel());
              put(item, "withdrawnAt", consent.withdrawnAt().map(Instant::toString));
            });
    return item;
  }

  /** The consent proof of a stored submission, when it has one. */
  static Optional<ConsentProof> consentOf(Map<String, AttributeValue> item) {
    if (!item.containsKey("noticeVersion")) {
      return Optional.empty();
    }
    return Optional.of(
        new ConsentProof(
            item.containsKey("consentPurposes") ? item.get("consentPurposes").ss() : List.of(),
            text(item, "noticeVersion"),
            text(item, "noticeHash"),
            Instant.parse(text(item, "consentAt")),
            text(item, "channel"),
            optional(item, "withdrawnAt").map(Instant::parse)));
  }

  /**
   * The declared attributes of a stored submission ({@link SubmissionSchema}), by name: texts,
   * booleans, lists of texts, and {@code expiresAt} as an ISO instant. Keys and other technical
   * attributes of the table are left out.
   */
  public static Map<String, Object> attributes(Map<String, AttributeValue> item) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (FieldSpec field : SubmissionSchema.fields()) {
      AttributeValue value = item.get(field.name());
      if (value == null) {
        continue;
      }
      if (field.name().equals(TableLayout.EXPIRES_AT)) {
        out.put(field.name(), Instant.ofEpochSecond(Long.parseLong(value.n())).toString());
      } else if (value.s() != null) {
        out.put(field.name(), value.s());
      } else if (value.bool() != null) {
        out.put(field.name(), value.bool());
      } else if (value.hasSs()) {
        out.put(field.name(), List.copyOf(value.ss()));
      } else if (value.n() != null) {
        out.put(field.name(), value.n());
      } else if (value.hasL() || value.hasM()) {
        // a report kept for review: its answers as received and its problems
        out.put(field.name(), plain(value));
      }
    }
    return out;
  }

  /** A stored value as plain Java: text, number text, boolean, list or map (in stored order). */
  private static Object plain(AttributeValue value) {
    if (value.s() != null) {
      return value.s();
    }
    if (value.n() != null) {
      return value.n();
    }
    if (value.bool() != null) {
      return value.bool();
    }
    if (value.hasSs()) {
      return List.copyOf(value.ss());
    }
    if (value.hasL()) {
      return value.l().stream().map(SubmissionItems::plain).toList();
    }
    if (value.hasM()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value.m().forEach((k, v) -> map.put(k, plain(v)));
      return map;
    }
    return null;
  }

  /**
   * True when the item is past its retention (the TTL deletes it within days, reads ignore it at
   * once) or its consent was withdrawn (the item stays only as proof).
   */
  public static boolean outOfUse(Map<String, AttributeValue> item, Instant now) {
    AttributeValue expires = item.get(TableLayout.EXPIRES_AT);
    if (expires != null
        && expires.n() != null
        && Long.parseLong(expires.n()) <= now.getEpochSecond()) {
      return true;
    }
    return item.containsKey("withdrawnAt");
  }

  public static Submission fromItem(Map<String, AttributeValue> item) {
    SubmissionType type = SubmissionType.valueOf(text(item, "submissionType"));
    Territory territory =
        new Territory(
            text(item, "mrcCode"),
            text(item, "mrcName"),
            text(item, "regionCode"),
            text(item, "regionName"),
            optional(item, "municipalityCode"),
            optional(item, "municipalityName"));
    Language language = Language.parse(text(item, "language")).orElse(Language.FR);
    Instant receivedAt = Instant.parse(text(item, "receivedAt"));
    SubmissionNotes notes =
        new SubmissionNotes(
            optional(item, "correctionOf"),
            item.containsKey("droppedAnswers") ? texts(item.get("droppedAnswers")) : List.of());
    if (type == SubmissionType.REVIEW) {
      List<ReportToReview.Problem> problems = new ArrayList<>();
      for (AttributeValue p : item.getOrDefault("problems", AttributeValue.fromL(List.of())).l()) {
        problems.add(
            new ReportToReview.Problem(
                p.m().get("field").s(),
                p.m().get("question").s(),
                p.m().get("messageKey").s(),
                texts(p.m().get("arguments"))));
      }
      List<ReportToReview.ReceivedAnswer> answers = new ArrayList<>();
      for (AttributeValue a : item.getOrDefault("answers", AttributeValue.fromL(List.of())).l()) {
        answers.add(
            new ReportToReview.ReceivedAnswer(
                a.m().get("question").s(), texts(a.m().get("values"))));
      }
      return new Submission(
          text(item, "id"),
          receivedAt,
          new ReportToReview(
              ReportToReview.Reason.valueOf(text(item, "reviewReason")),
              SubmissionType.valueOf(text(item, "intendedType")),
              text(item, "formId"),
              territory,
              problems,
              answers,
              Boolean.TRUE.equals(item.get("distress").bool()),
              language),
          notes,
          consentOf(item));
    }
    if (type == SubmissionType.SIGNUP) {
      Set<Role> roles = EnumSet.noneOf(Role.class);
      if (item.containsKey("roles")) {
        item.get("roles").ss().forEach(code -> Role.fromCode(code).ifPresent(roles::add));
      }
      return new Submission(
          text(item, "id"),
          receivedAt,
          new SignUp(
              text(item, "firstName"),
              text(item, "lastName"),
              text(item, "email"),
              optional(item, "phone"),
              territory,
              roles,
              language,
              optional(item, "availability"),
              optional(item, "message")),
          notes,
          consentOf(item));
    }
    return new Submission(
        text(item, "id"),
        receivedAt,
        new Observation(
            territory,
            Category.fromCode(text(item, "category")).orElseThrow(),
            text(item, "description"),
            Boolean.TRUE.equals(item.get("distress").bool()),
            optional(item, "observedOn").map(LocalDate::parse),
            optional(item, "place"),
            text(item, "reporterEmail"),
            optional(item, "reporterName"),
            language),
        notes,
        consentOf(item));
  }

  /** A list of texts (a list, not a string set: order kept, duplicates and empty texts allowed). */
  private static AttributeValue strings(List<String> values) {
    return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
  }

  private static List<String> texts(AttributeValue list) {
    return list == null || !list.hasL()
        ? List.of()
        : list.l().stream().map(AttributeValue::s).toList();
  }

  static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static void put(Map<String, AttributeValue> item, String name, String value) {
    item.put(name, AttributeValue.fromS(value));
  }

  private static void put(Map<String, AttributeValue> item, String name, Optional<String> value) {
    value.ifPresent(v -> item.put(name, AttributeValue.fromS(v)));
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.s() == null) {
      throw new IllegalArgumentException("Stored submission lacks attribute " + name);
    }
    return value.s();
  }

  private static Optional<String> optional(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
  }
}
