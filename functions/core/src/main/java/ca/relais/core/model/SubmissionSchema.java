package ca.relais.core.model;

import static ca.relais.core.model.Flow.ALERT_EMAIL;
import static ca.relais.core.model.Flow.CONFIRMATION;
import static ca.relais.core.model.Flow.COUNTS;
import static ca.relais.core.model.Flow.INDEX;
import static ca.relais.core.model.Flow.LOGS;
import static ca.relais.core.model.Flow.MRC_DIGEST;
import static ca.relais.core.model.Flow.REGION_DIGEST;
import static ca.relais.core.model.Flow.TABLE;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What Relais holds about a submission, declared once: each stored attribute with its sensitivity,
 * where it may flow and whether it identifies the person; the inputs each form takes; and how long
 * each record type is kept. Validation, the DynamoDB mapping and index projection, the person tool
 * and the tests read it.
 *
 * <p>The stream carries no attribute at all (keys only): dispatch reads the MRC from the table.
 */
public final class SubmissionSchema {

  /** Sign-ups are kept 3 years (1,095 days), then the table's TTL deletes them. */
  public static final Duration SIGNUP_RETENTION = Duration.ofDays(1095);

  /** Observations are kept 2 years (730 days), then the table's TTL deletes them. */
  public static final Duration OBSERVATION_RETENTION = Duration.ofDays(730);

  /** The register of the person tool's uses is kept 5 years (1,826 days). */
  public static final Duration REGISTER_RETENTION = Duration.ofDays(1826);

  private static final Set<SubmissionType> BOTH = EnumSet.allOf(SubmissionType.class);
  private static final Set<SubmissionType> SIGNUP = EnumSet.of(SubmissionType.SIGNUP);
  private static final Set<SubmissionType> OBSERVATION = EnumSet.of(SubmissionType.OBSERVATION);
  private static final Set<SubmissionType> NONE = EnumSet.noneOf(SubmissionType.class);
  private static final Set<SubmissionType> REVIEW = EnumSet.of(SubmissionType.REVIEW);
  private static final Set<SubmissionType> SIGNUP_OR_OBSERVATION =
      EnumSet.of(SubmissionType.SIGNUP, SubmissionType.OBSERVATION);
  private static final Set<SubmissionType> OBSERVATION_OR_REVIEW =
      EnumSet.of(SubmissionType.OBSERVATION, SubmissionType.REVIEW);

  // The order is the schema's: exports and the emails' models follow it, and so does the duplicate
  // check, whose fingerprints are stored (moving a compared attribute changes every fingerprint).
  private static final List<FieldSpec> FIELDS =
      List.of(
          technical("id", INDEX, ALERT_EMAIL, CONFIRMATION, MRC_DIGEST, REGION_DIGEST, LOGS),
          compared(technical("submissionType", INDEX, COUNTS, LOGS), BOTH),
          technical("receivedAt", INDEX, ALERT_EMAIL, MRC_DIGEST, REGION_DIGEST),
          technical("expiresAt", INDEX),
          field("language", BOTH, BOTH, Sensitivity.CHOICE, false, ALERT_EMAIL, CONFIRMATION),
          // the address: compared by letter case only, ahead of the rest
          compared(
              field(
                  "email",
                  SIGNUP,
                  SIGNUP,
                  Sensitivity.CONTACT,
                  true,
                  ALERT_EMAIL,
                  CONFIRMATION,
                  MRC_DIGEST),
              SIGNUP),
          compared(
              field(
                  "reporterEmail",
                  OBSERVATION,
                  OBSERVATION,
                  Sensitivity.CONTACT,
                  true,
                  ALERT_EMAIL,
                  MRC_DIGEST),
              OBSERVATION),
          // sign-up: who
          compared(
              field(
                  "firstName",
                  SIGNUP,
                  SIGNUP,
                  Sensitivity.IDENTITY,
                  true,
                  ALERT_EMAIL,
                  CONFIRMATION,
                  MRC_DIGEST),
              SIGNUP),
          compared(
              field(
                  "lastName", SIGNUP, SIGNUP, Sensitivity.IDENTITY, true, ALERT_EMAIL, MRC_DIGEST),
              SIGNUP),
          compared(
              field("phone", SIGNUP, NONE, Sensitivity.CONTACT, true, ALERT_EMAIL, MRC_DIGEST),
              SIGNUP),
          // a webhook delivery kept for review: which form, and why
          compared(
              field(
                  "formId", REVIEW, REVIEW, Sensitivity.TECHNICAL, false, ALERT_EMAIL, MRC_DIGEST),
              REVIEW),
          compared(
              // the digests: whether a report kept for review can be taken (it escalates), and
              // whether it counts as distress in the roll-ups, depends on why it was kept and what
              // it was meant to be
              field(
                  "reviewReason",
                  REVIEW,
                  REVIEW,
                  Sensitivity.TECHNICAL,
                  false,
                  ALERT_EMAIL,
                  MRC_DIGEST,
                  COUNTS),
              REVIEW),
          field(
              "intendedType",
              REVIEW,
              REVIEW,
              Sensitivity.TECHNICAL,
              false,
              ALERT_EMAIL,
              MRC_DIGEST,
              COUNTS),
          // where: the MRC and region codes name areas of thousands of people (the queue groups by
          // them)
          compared(technical("mrcCode", ALERT_EMAIL, LOGS), BOTH),
          field(
              "mrcName",
              BOTH,
              BOTH,
              Sensitivity.TERRITORY,
              false,
              ALERT_EMAIL,
              CONFIRMATION,
              MRC_DIGEST),
          technical("regionCode", LOGS),
          field("regionName", BOTH, BOTH, Sensitivity.TERRITORY, false, ALERT_EMAIL, MRC_DIGEST),
          compared(
              field("municipalityCode", BOTH, NONE, Sensitivity.TERRITORY, false),
              SIGNUP_OR_OBSERVATION),
          field(
              "municipalityName",
              BOTH,
              NONE,
              Sensitivity.TERRITORY,
              false,
              ALERT_EMAIL,
              MRC_DIGEST),
          // sign-up: what
          compared(
              field(
                  "roles",
                  SIGNUP,
                  SIGNUP,
                  Sensitivity.CHOICE,
                  false,
                  ALERT_EMAIL,
                  CONFIRMATION,
                  MRC_DIGEST),
              SIGNUP),
          compared(
              field("availability", SIGNUP, NONE, Sensitivity.FREE_TEXT, false, ALERT_EMAIL),
              SIGNUP),
          compared(
              field("message", SIGNUP, NONE, Sensitivity.FREE_TEXT, false, ALERT_EMAIL), SIGNUP),
          // observation
          compared(
              field(
                  "category",
                  OBSERVATION,
                  OBSERVATION,
                  Sensitivity.CHOICE,
                  false,
                  ALERT_EMAIL,
                  MRC_DIGEST,
                  COUNTS),
              OBSERVATION),
          compared(
              field(
                  "description",
                  OBSERVATION,
                  OBSERVATION,
                  Sensitivity.HEALTH,
                  false,
                  ALERT_EMAIL,
                  MRC_DIGEST),
              OBSERVATION),
          compared(
              field(
                  "distress",
                  OBSERVATION_OR_REVIEW,
                  OBSERVATION_OR_REVIEW,
                  Sensitivity.HEALTH,
                  false,
                  ALERT_EMAIL,
                  MRC_DIGEST,
                  COUNTS),
              OBSERVATION),
          compared(
              field(
                  "observedOn",
                  OBSERVATION,
                  NONE,
                  Sensitivity.FREE_TEXT,
                  false,
                  ALERT_EMAIL,
                  MRC_DIGEST),
              OBSERVATION),
          compared(
              field(
                  "place",
                  OBSERVATION,
                  NONE,
                  Sensitivity.FREE_TEXT,
                  false,
                  ALERT_EMAIL,
                  MRC_DIGEST),
              OBSERVATION),
          compared(
              field(
                  "reporterName",
                  OBSERVATION,
                  NONE,
                  Sensitivity.IDENTITY,
                  true,
                  ALERT_EMAIL,
                  MRC_DIGEST),
              OBSERVATION),
          // a webhook delivery kept for review: the answers as received (anything a person typed,
          // their address and third parties' health included) and what could not be read
          compared(field("answers", REVIEW, REVIEW, Sensitivity.HEALTH, true, ALERT_EMAIL), REVIEW),
          field("problems", REVIEW, REVIEW, Sensitivity.FREE_TEXT, false, ALERT_EMAIL),
          // how it arrived: a correction of an earlier record, optional answers left out
          field("correctionOf", BOTH, NONE, Sensitivity.TECHNICAL, false, ALERT_EMAIL, MRC_DIGEST),
          field("droppedAnswers", BOTH, NONE, Sensitivity.TECHNICAL, false, ALERT_EMAIL),
          // consent proof (a sign-up's consent; an observation's notice shown)
          field("consentPurposes", SIGNUP, SIGNUP, Sensitivity.CONSENT, false),
          field("noticeVersion", BOTH, BOTH, Sensitivity.CONSENT, false),
          field("noticeHash", BOTH, BOTH, Sensitivity.CONSENT, false),
          field("consentAt", BOTH, BOTH, Sensitivity.CONSENT, false),
          field("channel", BOTH, BOTH, Sensitivity.CONSENT, false),
          field("withdrawnAt", SIGNUP, NONE, Sensitivity.CONSENT, false));

  /** The inputs of the sign-up form (the honeypot aside). */
  private static final Set<String> SIGNUP_INPUTS =
      ordered(
          "firstName",
          "lastName",
          "email",
          "phone",
          "municipality",
          "mrc",
          "roles",
          "consent",
          "language",
          "availability",
          "message");

  /** The inputs of the observation form (the honeypot aside). */
  private static final Set<String> OBSERVATION_INPUTS =
      ordered(
          "municipality",
          "mrc",
          "category",
          "description",
          "distress",
          "observedOn",
          "place",
          "reporterEmail",
          "reporterName",
          "language");

  /** The inputs a sign-up must carry (the territory, municipality or MRC, is checked apart). */
  private static final List<String> SIGNUP_REQUIRED_INPUTS =
      List.of("firstName", "lastName", "email", "roles", "consent");

  /** The inputs an observation must carry (the territory is checked apart). */
  private static final List<String> OBSERVATION_REQUIRED_INPUTS =
      List.of("category", "description", "reporterEmail");

  private SubmissionSchema() {}

  /**
   * The inputs a form of this type must carry, the territory aside (one of municipality or MRC):
   * the validator refuses a submission without them, and an external form's mapping must provide
   * them.
   */
  public static List<String> requiredInputsOf(SubmissionType type) {
    return type == SubmissionType.SIGNUP ? SIGNUP_REQUIRED_INPUTS : OBSERVATION_REQUIRED_INPUTS;
  }

  /** Every stored attribute of a submission, in a stable order. */
  public static List<FieldSpec> fields() {
    return FIELDS;
  }

  public static Optional<FieldSpec> field(String name) {
    return FIELDS.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The attributes of a record type. */
  public static List<FieldSpec> fieldsOf(SubmissionType type) {
    return FIELDS.stream().filter(f -> f.carriedBy(type)).toList();
  }

  /** The names of the attributes that may flow there, e.g. the index projection. */
  public static Set<String> attributesFlowingTo(Flow flow) {
    Set<String> names = new LinkedHashSet<>();
    FIELDS.stream().filter(f -> f.flowsTo(flow)).forEach(f -> names.add(f.name()));
    return names;
  }

  /** The attributes that point to the person who submitted (their address or name). */
  public static Set<String> identifyingAttributes(SubmissionType type) {
    Set<String> names = new LinkedHashSet<>();
    fieldsOf(type).stream().filter(FieldSpec::identifying).forEach(f -> names.add(f.name()));
    return names;
  }

  /**
   * The attribute that holds the submitter's email address: the person index is built on it. A
   * report kept for review has no address of its own: its answers as received may hold one.
   */
  public static String addressAttribute(SubmissionType type) {
    return switch (type) {
      case SIGNUP -> "email";
      case OBSERVATION -> "reporterEmail";
      case REVIEW -> "answers";
    };
  }

  /** The input names a form of this type accepts (the honeypot aside). */
  public static Set<String> inputsOf(SubmissionType type) {
    return type == SubmissionType.SIGNUP ? SIGNUP_INPUTS : OBSERVATION_INPUTS;
  }

  /** How long a record of this type is kept after it arrived. */
  public static Duration retentionOf(SubmissionType type) {
    return type == SubmissionType.SIGNUP ? SIGNUP_RETENTION : OBSERVATION_RETENTION;
  }

  /**
   * The attributes the duplicate check of a record type compares, in the schema's order: the
   * content fingerprint covers exactly these.
   */
  public static List<FieldSpec> duplicateCheckOf(SubmissionType type) {
    return FIELDS.stream().filter(f -> f.comparedFor(type)).toList();
  }

  /**
   * The attribute a duplicate check compares by letter case only, the submitter's address (absent
   * for a report kept for review, which has no address of its own).
   */
  public static Optional<String> duplicateCheckAddress(SubmissionType type) {
    return duplicateCheckOf(type).stream()
        .filter(
            f -> f.sensitivity() == Sensitivity.CONTACT && f.name().equals(addressAttribute(type)))
        .map(FieldSpec::name)
        .findFirst();
  }

  private static FieldSpec compared(FieldSpec field, Set<SubmissionType> types) {
    return new FieldSpec(
        field.name(),
        field.types(),
        field.requiredFor(),
        field.sensitivity(),
        field.flows(),
        field.identifying(),
        types);
  }

  private static FieldSpec technical(String name, Flow... flows) {
    return field(name, BOTH, BOTH, Sensitivity.TECHNICAL, false, flows);
  }

  private static FieldSpec field(
      String name,
      Set<SubmissionType> types,
      Set<SubmissionType> required,
      Sensitivity sensitivity,
      boolean identifying,
      Flow... flows) {
    Set<Flow> all = EnumSet.of(TABLE);
    all.addAll(List.of(flows));
    return new FieldSpec(name, types, required, sensitivity, all, identifying);
  }

  private static Set<String> ordered(String... names) {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
  }
}
