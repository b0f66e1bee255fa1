package ca.relais.core.notify;

import ca.relais.core.i18n.Messages;
import ca.relais.core.intake.PhoneNumber;
import ca.relais.core.model.FieldFlows;
import ca.relais.core.model.Flow;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionContent;
import ca.relais.core.model.SubmissionNotes;
import ca.relais.core.model.Territory;
import ca.relais.core.privacy.NoticeParameters;
import ca.relais.core.privacy.PrivacyNotice;
import ca.relais.core.routing.Recipients;
import ca.relais.core.routing.RelayAgent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Renders alert and confirmation emails from the Mustache templates in {@code /email/}: HTML with
 * every value escaped, plain text as is. An attribute of the submission reaches an email only where
 * the schema's flows allow it ({@link FieldFlows}). Subjects carry the category, the MRC and the
 * reference id, never a name, an address or the description.
 */
public final class EmailRenderer {

  private static final ZoneId QUEBEC = ZoneId.of("America/Toronto");
  private final EmailTemplates templates = new EmailTemplates();
  private final PrivacyNotice notice;
  private final FieldFlows flows;

  /** A renderer whose confirmations carry the notice with the template's default parameters. */
  public EmailRenderer() {
    this(PrivacyNotice.of(NoticeParameters.templateDefaults()));
  }

  /** A renderer whose confirmations carry this privacy notice. */
  public EmailRenderer(PrivacyNotice notice) {
    this(notice, FieldFlows.declared());
  }

  /**
   * A renderer that shows an attribute of a submission only where these flows allow it ({@link
   * Flow#ALERT_EMAIL} in alerts, {@link Flow#CONFIRMATION} in the confirmation).
   */
  public EmailRenderer(PrivacyNotice notice, FieldFlows flows) {
    this.notice = notice;
    this.flows = flows;
  }

  /** An observation alert for one relay agent. */
  public EmailMessage observationAlert(
      Submission submission, Recipients recipients, RelayAgent agent) {
    return observationAlert(submission, recipients, agent, AlertExtras.none());
  }

  /** An observation alert for one relay agent, with its take link and escalation history. */
  public EmailMessage observationAlert(
      Submission submission, Recipients recipients, RelayAgent agent, AlertExtras extras) {
    Language lang = agent.language();
    Messages text = Messages.of(lang);
    ShownValues v = values(submission, Flow.ALERT_EMAIL, lang);
    Map<String, Object> model = common(v, recipients, lang);
    extras(model, extras, lang);
    model.put("urgent", v.flag("distress"));
    model.put("category", v.text("category"));
    model.put("description", v.text("description"));
    model.put("place", v.text("place"));
    model.put("observedOn", v.text("observedOn"));
    model.put("reporterName", v.text("reporterName"));
    model.put("reporterEmail", v.text("reporterEmail"));
    model.put("reportLanguage", v.text("language"));
    notes(v, text, model);
    String subject =
        (extras.escalation() ? text.format("email.subject.escalation_prefix") + " " : "")
            + (v.flag("distress") ? text.format("email.subject.urgent_prefix") + " " : "")
            + text.format(
                "email.subject.observation", v.text("category"), v.text("mrcName"), v.text("id"));
    return templates.render("observation-alert", lang, agent.email(), subject, model);
  }

  /** A new-éclaireur alert for one relay agent. */
  public EmailMessage signUpAlert(Submission submission, Recipients recipients, RelayAgent agent) {
    return signUpAlert(submission, recipients, agent, AlertExtras.none());
  }

  /** A new-éclaireur alert for one relay agent, with its take link. */
  public EmailMessage signUpAlert(
      Submission submission, Recipients recipients, RelayAgent agent, AlertExtras extras) {
    Language lang = agent.language();
    Messages text = Messages.of(lang);
    ShownValues v = values(submission, Flow.ALERT_EMAIL, lang);
    Map<String, Object> model = common(v, recipients, lang);
    extras(model, extras, lang);
    model.put("firstName", v.text("firstName"));
    model.put("lastName", v.text("lastName"));
    model.put("email", v.text("email"));
    model.put("phone", v.text("phone"));
    model.put("roles", v.list("roles"));
    model.put("availability", v.text("availability"));
    model.put("message", v.text("message"));
    model.put("signUpLanguage", v.text("language"));
    notes(v, text, model);
    String subject = text.format("email.subject.signup", v.text("mrcName"), v.text("id"));
    return templates.render("signup-alert", lang, agent.email(), subject, model);
  }

  /**
   * An alert for a webhook delivery kept for review: what could not be read, the answers as
   * received (escaped in HTML), urgent when a distress answer reads as yes; or, for a sign-up
   * without consent, only that someone tried (form, time, territory), nothing of the person.
   */
  public EmailMessage reviewAlert(Submission submission, Recipients recipients, RelayAgent agent) {
    return reviewAlert(submission, recipients, agent, AlertExtras.none());
  }

  /**
   * An alert for a delivery kept for review, with its take link and escalation history (a report
   * meant to be an observation escalates as one).
   */
  public EmailMessage reviewAlert(
      Submission submission, Recipients recipients, RelayAgent agent, AlertExtras extras) {
    Language lang = agent.language();
    Messages text = Messages.of(lang);
    ShownValues v = values(submission, Flow.ALERT_EMAIL, lang);
    Map<String, Object> model = common(v, recipients, lang);
    extras(model, extras, lang);
    boolean consent =
        v.text("reviewReason").equals(ReportToReview.Reason.SIGNUP_WITHOUT_CONSENT.name());
    boolean territoryKnown = ((ReportToReview) submission.content()).territoryKnown();
    String mrc = territoryKnown ? v.text("mrcName") : text.format("review.no_territory");
    model.put("mrcName", mrc);
    model.put("territoryKnown", territoryKnown);
    if (!territoryKnown) {
      model.put("fallback", true);
      model.put("fallbackNote", text.format("review.fallback.no_territory"));
    }
    model.put("consentMissing", consent);
    model.put("incomplete", !consent);
    model.put("urgent", v.flag("distress"));
    model.put("formId", v.text("formId"));
    model.put("intended", v.text("intendedType"));
    model.put("problems", v.list("problems"));
    model.put("answers", v.list("answers"));
    model.put("reportLanguage", v.text("language"));
    notes(v, text, model);
    String subject =
        (extras.escalation() ? text.format("email.subject.escalation_prefix") + " " : "")
            + (v.flag("distress") ? text.format("email.subject.urgent_prefix") + " " : "")
            + text.format(
                consent ? "review.subject.consent" : "review.subject.incomplete",
                mrc,
                v.text("id"));
    return templates.render("review-alert", lang, agent.email(), subject, model);
  }

  /** The confirmation a citizen gets after signing up, in the language they chose. */
  public EmailMessage signUpConfirmation(Submission submission) {
    SignUp s = (SignUp) submission.content();
    // the person's address and language say where and how it is sent, shown or not
    Language lang = s.language();
    Messages text = Messages.of(lang);
    ShownValues v = values(submission, Flow.CONFIRMATION, lang);
    Map<String, Object> model = new HashMap<>();
    model.put("id", v.text("id"));
    model.put("firstName", v.text("firstName"));
    model.put("mrcName", v.text("mrcName"));
    model.put("roles", v.list("roles"));
    model.put("notice", List.of(notice.text(lang).split("\n\n")));
    String subject = text.format("email.subject.confirmation", v.text("id"));
    return templates.render("signup-confirmation", lang, s.email(), subject, model);
  }

  /**
   * Every attribute an email can show, as shown to a reader of this language, kept only where the
   * schema lets it flow.
   */
  private ShownValues values(Submission submission, Flow flow, Language lang) {
    Messages text = Messages.of(lang);
    SubmissionContent content = submission.content();
    Territory territory = content.territory();
    DateTimeFormatter longDate =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(lang.locale());
    Map<String, Supplier<Object>> readers = new HashMap<>();
    readers.put("id", submission::id);
    readers.put(
        "receivedAt",
        () ->
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(lang.locale())
                .withZone(QUEBEC)
                .format(submission.receivedAt()));
    readers.put("language", () -> text.format("language." + content.language().code()));
    readers.put("mrcCode", territory::mrcCode);
    readers.put("mrcName", territory::mrcName);
    readers.put("regionName", territory::regionName);
    readers.put("municipalityName", () -> territory.municipalityName().orElse(""));
    SubmissionNotes notes = submission.notes();
    readers.put(
        "correctionOf",
        () -> notes.correctionOf().map(first -> text.format("alert.correction", first)).orElse(""));
    readers.put("droppedAnswers", notes::droppedAnswers);
    if (content instanceof SignUp s) {
      readers.put("firstName", s::firstName);
      readers.put("lastName", s::lastName);
      readers.put("email", s::email);
      readers.put("phone", () -> s.phone().map(n -> PhoneNumber.display(n, lang)).orElse(""));
      readers.put("roles", () -> roles(s, text));
      readers.put("availability", () -> s.availability().orElse(""));
      readers.put("message", () -> s.message().orElse(""));
    } else if (content instanceof Observation o) {
      readers.put("category", () -> text.format("category." + o.category().code()));
      readers.put("distress", o::distress);
      readers.put("description", o::description);
      readers.put("place", () -> o.place().orElse(""));
      readers.put("observedOn", () -> o.observedOn().map(longDate::format).orElse(""));
      readers.put("reporterName", () -> o.reporterName().orElse(""));
      readers.put("reporterEmail", o::reporterEmail);
    } else if (content instanceof ReportToReview r) {
      readers.put("distress", r::distress);
      readers.put("formId", r::formId);
      readers.put("reviewReason", () -> r.reason().name());
      readers.put("intendedType", () -> text.format("review.intended." + r.intended().name()));
      readers.put(
          "problems",
          () ->
              r.problems().stream()
                  .map(
                      p ->
                          Map.of(
                              "field", p.field(),
                              "question", p.question(),
                              "message", text.format(p.messageKey(), p.arguments())))
                  .toList());
      readers.put(
          "answers",
          () ->
              r.answers().stream()
                  .map(
                      a -> Map.of("question", a.question(), "value", String.join("\n", a.values())))
                  .toList());
    }
    return ShownValues.of(flows, flow, content.type(), readers);
  }

  private static Map<String, Object> common(ShownValues v, Recipients recipients, Language lang) {
    Messages text = Messages.of(lang);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("id", v.text("id"));
    model.put("receivedAt", v.text("receivedAt"));
    model.put("mrcName", v.text("mrcName"));
    model.put("mrcCode", v.text("mrcCode"));
    model.put("regionName", v.text("regionName"));
    model.put("municipality", v.text("municipalityName"));
    model.put("fallback", recipients.isFallback());
    model.put(
        "fallbackNote",
        recipients.isFallback()
            ? text.format(
                "email.fallback." + recipients.level().name().toLowerCase(java.util.Locale.ROOT),
                v.text("mrcName"))
            : "");
    return model;
  }

  /** A correction of an earlier record, and optional answers left out: said in the alert. */
  private static void notes(ShownValues v, Messages text, Map<String, Object> model) {
    model.put("correction", v.text("correctionOf"));
    List<?> dropped = v.list("droppedAnswers");
    model.put(
        "dropped",
        dropped.isEmpty()
            ? ""
            : text.format(
                "alert.dropped",
                String.join(", ", dropped.stream().map(String::valueOf).toList())));
  }

  /** The take link, and for an escalation who was alerted before and when. */
  private static void extras(Map<String, Object> model, AlertExtras extras, Language lang) {
    Messages text = Messages.of(lang);
    model.put("takeUrl", extras.takeUrl().orElse(""));
    model.put("escalation", extras.escalation());
    if (extras.escalation()) {
      // an escalation is not a routing fallback: the note would mislead
      model.put("fallback", false);
      model.put("fallbackNote", "");
    }
    DateTimeFormatter at =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
            .withLocale(lang.locale())
            .withZone(QUEBEC);
    model.put(
        "before",
        extras.before().stream()
            .map(
                r ->
                    Map.of(
                        "level",
                        text.format(
                            "email.level." + r.level().name().toLowerCase(java.util.Locale.ROOT)),
                        "recipients",
                        String.join(", ", r.recipients()),
                        "at",
                        at.format(r.at())))
            .toList());
  }

  private static List<String> roles(SignUp s, Messages text) {
    return s.roles().stream().sorted().map(Role::code).map(c -> text.format("role." + c)).toList();
  }
}
