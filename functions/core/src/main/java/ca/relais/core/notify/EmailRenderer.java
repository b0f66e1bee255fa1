package ca.relais.core.notify;

import ca.relais.core.i18n.Messages;
import ca.relais.core.intake.PhoneNumber;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionNotes;
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

/**
 * Renders alert and confirmation emails from the Mustache templates in {@code /email/}: HTML with
 * every value escaped, plain text as is. Subjects carry the category, the MRC and the reference id,
 * never a name, an address or the description.
 */
public final class EmailRenderer {

  private static final ZoneId QUEBEC = ZoneId.of("America/Toronto");
  private final EmailTemplates templates = new EmailTemplates();
  private final PrivacyNotice notice;

  /** A renderer whose confirmations carry the notice with the template's default parameters. */
  public EmailRenderer() {
    this(PrivacyNotice.of(NoticeParameters.templateDefaults()));
  }

  /** A renderer whose confirmations carry this privacy notice. */
  public EmailRenderer(PrivacyNotice notice) {
    this.notice = notice;
  }

  /** An observation alert for one relay agent. */
  public EmailMessage observationAlert(
      Submission submission, Recipients recipients, RelayAgent agent) {
    return observationAlert(submission, recipients, agent, AlertExtras.none());
  }

  /** An observation alert for one relay agent, with its take link and escalation history. */
  public EmailMessage observationAlert(
      Submission submission, Recipients recipients, RelayAgent agent, AlertExtras extras) {
    Observation o = (Observation) submission.content();
    Language lang = agent.language();
    Messages text = Messages.of(lang);
    Map<String, Object> model = common(submission, recipients, lang);
    extras(model, extras, lang);
    model.put("urgent", o.distress());
    model.put("category", text.format("category." + o.category().code()));
    model.put("description", o.description());
    model.put("place", o.place().orElse(""));
    model.put(
        "observedOn",
        o.observedOn()
            .map(
                d ->
                    d.format(
                        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                            .withLocale(lang.locale())))
            .orElse(""));
    model.put("reporterName", o.reporterName().orElse(""));
    model.put("reporterEmail", o.reporterEmail());
    notes(submission, text, model);
    String subject =
        (extras.escalation() ? text.format("email.subject.escalation_prefix") + " " : "")
            + (o.distress() ? text.format("email.subject.urgent_prefix") + " " : "")
            + text.format(
                "email.subject.observation",
                text.format("category." + o.category().code()),
                o.territory().mrcName(),
                submission.id());
    return templates.render("observation-alert", lang, agent.email(), subject, model);
  }

  /** A new-éclaireur alert for one relay agent. */
  public EmailMessage signUpAlert(Submission submission, Recipients recipients, RelayAgent agent) {
    return signUpAlert(submission, recipients, agent, AlertExtras.none());
  }

  /** A new-éclaireur alert for one relay agent, with its take link. */
  public EmailMessage signUpAlert(
      Submission submission, Recipients recipients, RelayAgent agent, AlertExtras extras) {
    SignUp s = (SignUp) submission.content();
    Language lang = agent.language();
    Messages text = Messages.of(lang);
    Map<String, Object> model = common(submission, recipients, lang);
    extras(model, extras, lang);
    model.put("firstName", s.firstName());
    model.put("lastName", s.lastName());
    model.put("email", s.email());
    model.put("phone", s.phone().map(number -> PhoneNumber.display(number, lang)).orElse(""));
    model.put("roles", roles(s, text));
    model.put("availability", s.availability().orElse(""));
    model.put("message", s.message().orElse(""));
    model.put("signUpLanguage", text.format("language." + s.language().code()));
    notes(submission, text, model);
    String subject = text.format("email.subject.signup", s.territory().mrcName(), submission.id());
    return templates.render("signup-alert", lang, agent.email(), subject, model);
  }

  /**
   * An alert for a webhook delivery kept for review: what could not be read, the answers as
   * received (escaped in HTML), urgent when a distress answer reads as yes; or, for a sign-up
   * without consent, only that someone tried (form, time, territory), nothing of the person.
   */
  public EmailMessage reviewAlert(Submission submission, Recipients recipients, RelayAgent agent) {
    ReportToReview r = (ReportToReview) submission.content();
    Language lang = agent.language();
    Messages text = Messages.of(lang);
    Map<String, Object> model = common(submission, recipients, lang);
    boolean consent = r.reason() == ReportToReview.Reason.SIGNUP_WITHOUT_CONSENT;
    String mrc = r.territoryKnown() ? r.territory().mrcName() : text.format("review.no_territory");
    model.put("mrcName", mrc);
    model.put("territoryKnown", r.territoryKnown());
    if (!r.territoryKnown()) {
      model.put("fallback", true);
      model.put("fallbackNote", text.format("review.fallback.no_territory"));
    }
    model.put("consentMissing", consent);
    model.put("incomplete", !consent);
    model.put("urgent", r.distress());
    model.put("formId", r.formId());
    model.put("intended", text.format("review.intended." + r.intended().name()));
    model.put(
        "problems",
        r.problems().stream()
            .map(
                p ->
                    Map.of(
                        "field", p.field(),
                        "question", p.question(),
                        "message", text.format(p.messageKey(), p.arguments())))
            .toList());
    model.put(
        "answers",
        r.answers().stream()
            .map(a -> Map.of("question", a.question(), "value", String.join("\n", a.values())))
            .toList());
    notes(submission, text, model);
    String subject =
        (r.distress() ? text.format("email.subject.urgent_prefix") + " " : "")
            + text.format(
                consent ? "review.subject.consent" : "review.subject.incomplete",
                mrc,
                submission.id());
    return templates.render("review-alert", lang, agent.email(), subject, model);
  }

  /** The confirmation a citizen gets after signing up, in the language they chose. */
  public EmailMessage signUpConfirmation(Submission submission) {
    SignUp s = (SignUp) submission.content();
    Language lang = s.language();
    Messages text = Messages.of(lang);
    Map<String, Object> model = new HashMap<>();
    model.put("id", submission.id());
    model.put("firstName", s.firstName());
    model.put("mrcName", s.territory().mrcName());
    model.put("roles", roles(s, text));
    model.put("notice", List.of(notice.text(lang).split("\n\n")));
    String subject = text.format("email.subject.confirmation", submission.id());
    return templates.render("signup-confirmation", lang, s.email(), subject, model);
  }

  private static Map<String, Object> common(
      Submission submission, Recipients recipients, Language lang) {
    Messages text = Messages.of(lang);
    var territory = submission.content().territory();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("id", submission.id());
    model.put(
        "receivedAt",
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
            .withLocale(lang.locale())
            .withZone(QUEBEC)
            .format(submission.receivedAt()));
    model.put("mrcName", territory.mrcName());
    model.put("mrcCode", territory.mrcCode());
    model.put("regionName", territory.regionName());
    model.put("municipality", territory.municipalityName().orElse(""));
    model.put("fallback", recipients.isFallback());
    model.put(
        "fallbackNote",
        recipients.isFallback()
            ? text.format(
                "email.fallback." + recipients.level().name().toLowerCase(java.util.Locale.ROOT),
                territory.mrcName())
            : "");
    return model;
  }

  /** A correction of an earlier record, and optional answers left out: said in the alert. */
  private static void notes(Submission submission, Messages text, Map<String, Object> model) {
    SubmissionNotes notes = submission.notes();
    model.put(
        "correction",
        notes.correctionOf().map(first -> text.format("alert.correction", first)).orElse(""));
    model.put(
        "dropped",
        notes.droppedAnswers().isEmpty()
            ? ""
            : text.format("alert.dropped", String.join(", ", notes.droppedAnswers())));
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
