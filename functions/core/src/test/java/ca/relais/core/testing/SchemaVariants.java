package ca.relais.core.testing;

import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionContent;
import ca.relais.core.model.SubmissionNotes;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.model.Territory;
import ca.relais.core.privacy.ConsentProof;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Submissions of every record type (one with every optional attribute, one with as few as
 * possible), and for each attribute the schema declares, how to change it alone to a distinctive
 * value: the tests derived from the schema vary one attribute and look where the change shows.
 */
public final class SchemaVariants {

  /** Attributes a submission in memory does not hold: the store sets them. */
  public static final Set<String> SET_BY_THE_STORE = Set.of("expiresAt");

  /** The record type chooses the output itself (template, section): it cannot vary alone. */
  public static final String TYPE = "submissionType";

  public static final Instant RECEIVED = Instant.parse("2026-11-24T15:00:00Z");

  private static final Territory FULL =
      new Territory(
          "100",
          "Rimouski-Neigette",
          "01",
          "Bas-Saint-Laurent",
          Optional.of("10043"),
          Optional.of("Rimouski"));
  private static final Territory MRC_ONLY =
      new Territory(
          "100",
          "Rimouski-Neigette",
          "01",
          "Bas-Saint-Laurent",
          Optional.empty(),
          Optional.empty());

  private static final ConsentProof CONSENT =
      new ConsentProof(
          ConsentProof.SIGNUP_PURPOSES,
          "notice-v1",
          "0".repeat(64),
          RECEIVED,
          "web-form",
          Optional.empty());

  private SchemaVariants() {}

  /** Two submissions of this type: every optional attribute present, then as few as possible. */
  public static List<Submission> bases(SubmissionType type) {
    return switch (type) {
      case SIGNUP ->
          List.of(
              submission(
                  new SignUp(
                      "Gisèle",
                      "Côté",
                      "gisele@example.org",
                      Optional.of("+14185550100"),
                      FULL,
                      Set.of(Role.WATCH),
                      Language.FR,
                      Optional.of("Les soirs"),
                      Optional.of("Bonjour")),
                  "S-20261124-AAAA1111"),
              submission(
                  new SignUp(
                      "Jean",
                      "Roy",
                      "jean@example.org",
                      Optional.empty(),
                      MRC_ONLY,
                      Set.of(Role.PROMOTE),
                      Language.EN,
                      Optional.empty(),
                      Optional.empty()),
                  "S-20261124-BBBB2222"));
      case OBSERVATION ->
          List.of(
              submission(
                  new Observation(
                      FULL,
                      Category.CONCERN,
                      "Un voisin semble isolé",
                      true,
                      Optional.of(LocalDate.of(2026, 11, 20)),
                      Optional.of("Épicerie"),
                      "eclaireur@example.org",
                      Optional.of("Jean Tremblay"),
                      Language.FR),
                  "O-20261124-AAAA1111"),
              submission(
                  new Observation(
                      MRC_ONLY,
                      Category.NEED,
                      "Transport",
                      false,
                      Optional.empty(),
                      Optional.empty(),
                      "autre@example.org",
                      Optional.empty(),
                      Language.EN),
                  "O-20261124-BBBB2222"));
      case REVIEW ->
          List.of(
              submission(
                  new ReportToReview(
                      ReportToReview.Reason.INCOMPLETE,
                      SubmissionType.OBSERVATION,
                      "tally-vigie",
                      FULL,
                      List.of(
                          new ReportToReview.Problem(
                              "description", "Q2", "error.required", List.of())),
                      List.of(
                          new ReportToReview.ReceivedAnswer("Municipalité", List.of("Rimouski"))),
                      true,
                      Language.FR),
                  "R-20261124-AAAA1111"),
              submission(
                  new ReportToReview(
                      ReportToReview.Reason.SIGNUP_WITHOUT_CONSENT,
                      SubmissionType.SIGNUP,
                      "typeform-signup",
                      MRC_ONLY,
                      List.of(),
                      List.of(),
                      false,
                      Language.EN),
                  "R-20261124-BBBB2222"));
    };
  }

  /**
   * For each attribute of the schema a submission holds (all but {@link #SET_BY_THE_STORE} and
   * {@link #TYPE}): the same submission with that attribute alone changed to a distinctive value.
   */
  public static Map<String, UnaryOperator<Submission>> variants() {
    Map<String, UnaryOperator<Submission>> v = new java.util.HashMap<>();
    v.put(
        "id",
        s ->
            new Submission(
                "X-20261124-ZZZZ9999", s.receivedAt(), s.content(), s.notes(), s.consent()));
    v.put(
        "receivedAt",
        s ->
            new Submission(
                s.id(),
                s.receivedAt().plus(Duration.ofDays(1)),
                s.content(),
                s.notes(),
                s.consent()));
    v.put("language", content(SchemaVariants::otherLanguage));
    v.put("email", signUp(x -> copy(x, "email", "zorro.unique@example.net")));
    v.put("firstName", signUp(x -> copy(x, "firstName", "Zéphyrin")));
    v.put("lastName", signUp(x -> copy(x, "lastName", "Quintalzorn")));
    v.put("phone", signUp(x -> copy(x, "phone", "+14185559876")));
    v.put("availability", signUp(x -> copy(x, "availability", "Mardis zzz")));
    v.put("message", signUp(x -> copy(x, "message", "Message zzz")));
    v.put(
        "roles",
        signUp(
            x ->
                new SignUp(
                    x.firstName(),
                    x.lastName(),
                    x.email(),
                    x.phone(),
                    x.territory(),
                    EnumSet.complementOf(EnumSet.copyOf(x.roles())),
                    x.language(),
                    x.availability(),
                    x.message())));
    v.put("reporterEmail", observation(o -> copy(o, "reporterEmail", "zorro.unique@example.net")));
    v.put("reporterName", observation(o -> copy(o, "reporterName", "Rapporteur zzz")));
    v.put("description", observation(o -> copy(o, "description", "Description zzz")));
    v.put("place", observation(o -> copy(o, "place", "Lieu zzz")));
    v.put("observedOn", observation(o -> copy(o, "observedOn", "2026-11-02")));
    v.put(
        "category",
        observation(
            o ->
                new Observation(
                    o.territory(),
                    o.category() == Category.CONCERN ? Category.GOOD_NEWS : Category.CONCERN,
                    o.description(),
                    o.distress(),
                    o.observedOn(),
                    o.place(),
                    o.reporterEmail(),
                    o.reporterName(),
                    o.language())));
    v.put(
        "distress",
        content(
            c ->
                c instanceof Observation o
                    ? new Observation(
                        o.territory(),
                        o.category(),
                        o.description(),
                        !o.distress(),
                        o.observedOn(),
                        o.place(),
                        o.reporterEmail(),
                        o.reporterName(),
                        o.language())
                    : c instanceof ReportToReview r
                        ? review(
                            r,
                            r.reason(),
                            r.intended(),
                            r.formId(),
                            r.problems(),
                            r.answers(),
                            !r.distress())
                        : c));
    v.put(
        "formId",
        reviewOnly(
            r ->
                review(
                    r,
                    r.reason(),
                    r.intended(),
                    "jotform-zzz",
                    r.problems(),
                    r.answers(),
                    r.distress())));
    v.put(
        "reviewReason",
        reviewOnly(
            r ->
                review(
                    r,
                    r.reason() == ReportToReview.Reason.INCOMPLETE
                        ? ReportToReview.Reason.SIGNUP_WITHOUT_CONSENT
                        : ReportToReview.Reason.INCOMPLETE,
                    r.intended(),
                    r.formId(),
                    r.problems(),
                    r.answers(),
                    r.distress())));
    v.put(
        "intendedType",
        reviewOnly(
            r ->
                review(
                    r,
                    r.reason(),
                    r.intended() == SubmissionType.SIGNUP
                        ? SubmissionType.OBSERVATION
                        : SubmissionType.SIGNUP,
                    r.formId(),
                    r.problems(),
                    r.answers(),
                    r.distress())));
    v.put(
        "answers",
        reviewOnly(
            r -> {
              List<ReportToReview.ReceivedAnswer> answers = new ArrayList<>(r.answers());
              answers.add(
                  new ReportToReview.ReceivedAnswer("Question zzz", List.of("Réponse zzz")));
              return review(
                  r, r.reason(), r.intended(), r.formId(), r.problems(), answers, r.distress());
            }));
    v.put(
        "problems",
        reviewOnly(
            r -> {
              List<ReportToReview.Problem> problems = new ArrayList<>(r.problems());
              problems.add(
                  new ReportToReview.Problem("place", "Question zzz", "error.required", List.of()));
              return review(
                  r, r.reason(), r.intended(), r.formId(), problems, r.answers(), r.distress());
            }));
    v.put(
        "mrcCode",
        territory(
            t ->
                new Territory(
                    "987",
                    t.mrcName(),
                    t.regionCode(),
                    t.regionName(),
                    t.municipalityCode(),
                    t.municipalityName())));
    v.put(
        "mrcName",
        territory(
            t ->
                new Territory(
                    t.mrcCode(),
                    "Zorn-Ouest",
                    t.regionCode(),
                    t.regionName(),
                    t.municipalityCode(),
                    t.municipalityName())));
    v.put(
        "regionCode",
        territory(
            t ->
                new Territory(
                    t.mrcCode(),
                    t.mrcName(),
                    "98",
                    t.regionName(),
                    t.municipalityCode(),
                    t.municipalityName())));
    v.put(
        "regionName",
        territory(
            t ->
                new Territory(
                    t.mrcCode(),
                    t.mrcName(),
                    t.regionCode(),
                    "Zone Témoin",
                    t.municipalityCode(),
                    t.municipalityName())));
    v.put(
        "municipalityCode",
        territory(
            t ->
                new Territory(
                    t.mrcCode(),
                    t.mrcName(),
                    t.regionCode(),
                    t.regionName(),
                    Optional.of("98765"),
                    t.municipalityName())));
    v.put(
        "municipalityName",
        territory(
            t ->
                new Territory(
                    t.mrcCode(),
                    t.mrcName(),
                    t.regionCode(),
                    t.regionName(),
                    t.municipalityCode(),
                    Optional.of("Village-Zed"))));
    v.put("correctionOf", notes(n -> n.asCorrectionOf("O-20260101-ZZZZ9999")));
    v.put(
        "droppedAnswers",
        notes(n -> new SubmissionNotes(n.correctionOf(), List.of("place", "observedOn"))));
    v.put(
        "consentPurposes",
        consent(
            c ->
                new ConsentProof(
                    List.of("autre-fin"),
                    c.noticeVersion(),
                    c.noticeHash(),
                    c.at(),
                    c.channel(),
                    c.withdrawnAt())));
    v.put(
        "noticeVersion",
        consent(
            c ->
                new ConsentProof(
                    c.purposes(),
                    "notice-v9",
                    c.noticeHash(),
                    c.at(),
                    c.channel(),
                    c.withdrawnAt())));
    v.put(
        "noticeHash",
        consent(
            c ->
                new ConsentProof(
                    c.purposes(),
                    c.noticeVersion(),
                    "f".repeat(64),
                    c.at(),
                    c.channel(),
                    c.withdrawnAt())));
    v.put(
        "consentAt",
        consent(
            c ->
                new ConsentProof(
                    c.purposes(),
                    c.noticeVersion(),
                    c.noticeHash(),
                    c.at().minusSeconds(60),
                    c.channel(),
                    c.withdrawnAt())));
    v.put(
        "channel",
        consent(
            c ->
                new ConsentProof(
                    c.purposes(),
                    c.noticeVersion(),
                    c.noticeHash(),
                    c.at(),
                    "form:zzz",
                    c.withdrawnAt())));
    v.put("withdrawnAt", consent(c -> c.withdrawn(RECEIVED.plusSeconds(3600))));
    return v;
  }

  private static Submission submission(SubmissionContent content, String id) {
    return new Submission(id, RECEIVED, content, SubmissionNotes.NONE, Optional.of(CONSENT));
  }

  private static UnaryOperator<Submission> content(UnaryOperator<SubmissionContent> change) {
    return s ->
        new Submission(s.id(), s.receivedAt(), change.apply(s.content()), s.notes(), s.consent());
  }

  private static UnaryOperator<Submission> signUp(Function<SignUp, SignUp> change) {
    return content(c -> c instanceof SignUp x ? change.apply(x) : c);
  }

  private static UnaryOperator<Submission> observation(Function<Observation, Observation> change) {
    return content(c -> c instanceof Observation x ? change.apply(x) : c);
  }

  private static UnaryOperator<Submission> reviewOnly(
      Function<ReportToReview, ReportToReview> change) {
    return content(c -> c instanceof ReportToReview x ? change.apply(x) : c);
  }

  private static UnaryOperator<Submission> notes(UnaryOperator<SubmissionNotes> change) {
    return s ->
        new Submission(s.id(), s.receivedAt(), s.content(), change.apply(s.notes()), s.consent());
  }

  private static UnaryOperator<Submission> consent(UnaryOperator<ConsentProof> change) {
    return s ->
        new Submission(s.id(), s.receivedAt(), s.content(), s.notes(), s.consent().map(change));
  }

  private static UnaryOperator<Submission> territory(UnaryOperator<Territory> change) {
    return content(
        c -> {
          if (c instanceof SignUp x) {
            return new SignUp(
                x.firstName(),
                x.lastName(),
                x.email(),
                x.phone(),
                change.apply(x.territory()),
                x.roles(),
                x.language(),
                x.availability(),
                x.message());
          }
          if (c instanceof Observation o) {
            return new Observation(
                change.apply(o.territory()),
                o.category(),
                o.description(),
                o.distress(),
                o.observedOn(),
                o.place(),
                o.reporterEmail(),
                o.reporterName(),
                o.language());
          }
          ReportToReview r = (ReportToReview) c;
          return new ReportToReview(
              r.reason(),
              r.intended(),
              r.formId(),
              change.apply(r.territory()),
              r.problems(),
              r.answers(),
              r.distress(),
              r.language());
        });
  }

  private static SubmissionContent otherLanguage(SubmissionContent c) {
    Language other = c.language() == Language.FR ? Language.EN : Language.FR;
    if (c instanceof SignUp x) {
      return new SignUp(
          x.firstName(),
          x.lastName(),
          x.email(),
          x.phone(),
          x.territory(),
          x.roles(),
          other,
          x.availability(),
          x.message());
    }
    if (c instanceof Observation o) {
      return new Observation(
          o.territory(),
          o.category(),
          o.description(),
          o.distress(),
          o.observedOn(),
          o.place(),
          o.reporterEmail(),
          o.reporterName(),
          other);
    }
    ReportToReview r = (ReportToReview) c;
    return new ReportToReview(
        r.reason(),
        r.intended(),
        r.formId(),
        r.territory(),
        r.problems(),
        r.answers(),
        r.distress(),
        other);
  }

  private static ReportToReview review(
      ReportToReview r,
      ReportToReview.Reason reason,
      SubmissionType intended,
      String formId,
      List<ReportToReview.Problem> problems,
      List<ReportToReview.ReceivedAnswer> answers,
      boolean distress) {
    return new ReportToReview(
        reason, intended, formId, r.territory(), problems, answers, distress, r.language());
  }

  private static SignUp copy(SignUp x, String attribute, String value) {
    return new SignUp(
        attribute.equals("firstName") ? value : x.firstName(),
        attribute.equals("lastName") ? value : x.lastName(),
        attribute.equals("email") ? value : x.email(),
        attribute.equals("phone") ? Optional.of(value) : x.phone(),
        x.territory(),
        x.roles(),
        x.language(),
        attribute.equals("availability") ? Optional.of(value) : x.availability(),
        attribute.equals("message") ? Optional.of(value) : x.message());
  }

  private static Observation copy(Observation o, String attribute, String value) {
    return new Observation(
        o.territory(),
        o.category(),
        attribute.equals("description") ? value : o.description(),
        o.distress(),
        attribute.equals("observedOn") ? Optional.of(LocalDate.parse(value)) : o.observedOn(),
        attribute.equals("place") ? Optional.of(value) : o.place(),
        attribute.equals("reporterEmail") ? value : o.reporterEmail(),
        attribute.equals("reporterName") ? Optional.of(value) : o.reporterName(),
        o.language());
  }
}
