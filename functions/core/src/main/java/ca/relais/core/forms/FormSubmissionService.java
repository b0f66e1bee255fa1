package ca.relais.core.forms;

import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.intake.ContentFingerprint;
import ca.relais.core.intake.FieldError;
import ca.relais.core.intake.FormFields;
import ca.relais.core.intake.IntakeOutcome;
import ca.relais.core.intake.IntakeRequest;
import ca.relais.core.intake.IntakeService;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.intake.Validation;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.Language;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.ReportToReview.ReceivedAnswer;
import ca.relais.core.model.SubmissionContent;
import ca.relais.core.model.SubmissionNotes;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.port.SubmissionStore.SaveResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes a webhook delivery of any configured external form: finds the form, authenticates the raw
 * body, reads the provider's payload, maps its answers to the Relais fields, validates them like
 * the canonical routes, and stores the result once.
 *
 * <p>No authentic delivery is lost for a fixable reason (a form tool never fixes a 4xx by
 * retrying): an optional answer that does not read is dropped and named in the alert; a delivery
 * whose required answers are missing or invalid, or whose territory is unknown, is kept as a {@link
 * ReportToReview}; a sign-up without consent keeps only the fact that someone tried. The provider's
 * delivery id, prefixed with the form id, is the idempotency key: a byte-identical redelivery
 * stores nothing, and the same id with different answers (an edited response) is stored as a
 * correction linked to the first record.
 */
public final class FormSubmissionService {

  private static final StructuredLogger LOG =
      StructuredLogger.forComponent(FormSubmissionService.class);
  private static final int KEY_MAX = 200;

  /** Limits of the answers kept as received (a DynamoDB item holds at most 400 KB). */
  static final int RECEIVED_ANSWERS_MAX = 80;

  static final int RECEIVED_VALUES_MAX = 20;
  static final int RECEIVED_CHARS_MAX = 4000;

  /**
   * All the questions and values kept as received together, in characters: at most 300 KB in UTF-8
   * (3 bytes a character at worst), so that the record stays under DynamoDB's 400 KB with its other
   * attributes. Without it, 80 answers of 20 values of 4,000 characters could not be stored, and a
   * delivery refused with a 503 at every retry would be lost.
   */
  static final int RECEIVED_TOTAL_CHARS_MAX = 100_000;

  private final FormConfigs configs;
  private final WebhookAuthenticator authenticator;
  private final IntakeService intake;

  public FormSubmissionService(FormConfigs configs, FormSecrets secrets, IntakeService intake) {
    this.configs = configs;
    this.authenticator = new WebhookAuthenticator(secrets);
    this.intake = intake;
  }

  /**
   * A delivery larger than the webhook body limit ({@code MAX_WEBHOOK_BODY_BYTES}), which is not
   * read: once authenticated (over the whole body, as the tool signed it), it is kept as a report
   * to review with the problem {@code forms.body_too_large} and the first {@value
   * #RECEIVED_CHARS_MAX} characters of its text, never refused with a 413 that a form tool takes as
   * final.
   *
   * @param limitBytes the limit it is over, in bytes (said to the reviewer)
   * @throws RuntimeException when storage fails (nothing stored; the tool retries on a 503)
   */
  public FormOutcome submitTooLarge(FormDelivery delivery, int limitBytes) {
    Optional<FormConfig> found = configs.find(delivery.formId());
    Optional<FormOutcome> refused = refusal(found, delivery);
    if (refused.isPresent()) {
      return refused.get();
    }
    FormConfig config = found.get();
    LOG.warn("webhook.body_too_large", "form", config.formId(), "bytes", delivery.rawBody().length);
    // the beginning only, as text: a body this large is not parsed
    byte[] head =
        java.util.Arrays.copyOf(
            delivery.rawBody(), Math.min(delivery.rawBody().length, 4 * RECEIVED_CHARS_MAX));
    String text =
        new String(head, java.nio.charset.StandardCharsets.UTF_8)
            .replaceAll("[\\p{Cntrl}&&[^\\n\\r\\t]]", " ");
    return keepForReview(
        config,
        delivery,
        ReportToReview.noTerritory(),
        List.of(
            new ReportToReview.Problem(
                "body",
                "",
                "forms.body_too_large",
                List.of(config.provider().code(), String.valueOf(limitBytes / 1024)))),
        text.isBlank() ? List.of() : List.of(new ReceivedAnswer("body", List.of(text))),
        false,
        formLanguage(config, delivery.requestLanguage()),
        Optional.empty());
  }

  /**
   * A refusal when no form has the delivery's id (404) or it is not authentic (401), else empty.
   */
  private Optional<FormOutcome> refusal(Optional<FormConfig> found, FormDelivery delivery) {
    if (found.isEmpty()) {
      LOG.info("webhook.unknown_form");
      return Optional.of(new FormOutcome.UnknownForm());
    }
    FormConfig config = found.get();
    String formId = config.formId();
    WebhookAuthenticator.Result auth =
        authenticator.check(
            formId, config.auth(), delivery.rawBody(), delivery.headers(), delivery.query());
    if (auth instanceof WebhookAuthenticator.Result.Missing missing) {
      LOG.warn("webhook.unauthenticated", "form", formId, "credential", missing.credential());
      return Optional.of(new FormOutcome.Unauthorized(missing.credential(), true));
    }
    if (auth instanceof WebhookAuthenticator.Result.Invalid invalid) {
      LOG.warn("webhook.forged", "form", formId, "credential", invalid.credential());
      return Optional.of(new FormOutcome.Unauthorized(invalid.credential(), false));
    }
    return Optional.empty();
  }

  /**
   * @throws FormConfigException when the form's own file is broken (an operator's error, not the
   *     sender's)
   * @throws RuntimeException when storage fails (nothing stored; the tool retries on a 503)
   */
  public FormOutcome submit(FormDelivery delivery) {
    Optional<FormConfig> found = configs.find(delivery.formId());
    Optional<FormOutcome> refused = refusal(found, delivery);
    if (refused.isPresent()) {
      return refused.get();
    }
    FormConfig config = found.get();
    String formId = config.formId();
    Language language = formLanguage(config, delivery.requestLanguage());
    Answers answers;
    try {
      answers = config.provider().read(config, delivery.contentType(), delivery.rawBody());
    } catch (BodyRejectedException rejected) {
      if (rejected.reason() != BodyRejectedException.Reason.TOO_LARGE) {
        // authentic (or from a form without authentication), but its syntax does not read or it
        // came in a content type its provider does not use: a form tool takes a 4xx as final, so
        // the report is kept, as received, for a person to read
        LOG.warn("webhook.body_unreadable", "form", formId, "reason", rejected.reason().name());
        boolean otherType =
            rejected.reason() == BodyRejectedException.Reason.UNSUPPORTED_MEDIA_TYPE;
        return keepForReview(
            config,
            delivery,
            ReportToReview.noTerritory(),
            List.of(
                otherType
                    ? contentTypeProblem(config, delivery.contentType())
                    : new ReportToReview.Problem(
                        "body", "", "forms.body_unreadable", List.of(config.provider().code()))),
            unreadableBody(delivery),
            false,
            language,
            Optional.empty());
      }
      LOG.info("webhook.body_rejected", "form", formId, "reason", rejected.reason().name());
      return new FormOutcome.BadBody(rejected);
    } catch (IgnoredEventException ignored) {
      LOG.info("webhook.event_ignored", "form", formId, "event", safe(ignored.eventType()));
      return new FormOutcome.Ignored(ignored.eventType());
    } catch (UnexpectedPayloadException unexpected) {
      LOG.warn("webhook.unexpected_payload", "form", formId, "expected", unexpected.getMessage());
      List<ReportToReview.Problem> problems =
          List.of(
              new ReportToReview.Problem(
                  "body",
                  unexpected.getMessage(),
                  "forms.payload_unexpected",
                  List.of(config.provider().code())));
      return keepForReview(
          config,
          delivery,
          ReportToReview.noTerritory(),
          problems,
          ProviderFormat.asReceived(delivery.contentType(), delivery.rawBody()),
          false,
          language,
          Optional.empty());
    }
    List<MissingAnswer> undefined = new ArrayList<>();
    for (FieldMapping mapping : config.fields()) {
      if (mapping.questions().stream().noneMatch(answers::defines)) {
        undefined.add(new MissingAnswer(mapping.field(), mapping.question()));
      }
    }
    if (!undefined.isEmpty()) {
      LOG.error(
          "webhook.question_not_in_form",
          "form",
          formId,
          "fields",
          undefined.stream().map(MissingAnswer::field).toList());
      return new FormOutcome.QuestionNotInForm(undefined);
    }
    FormFields fields = map(config, answers);
    Optional<String> key = answers.deliveryId().map(id -> idempotencyKey(formId, id));
    if (SubmissionValidator.isHoneypotFilled(fields)) {
      IntakeOutcome.Accepted bot =
          (IntakeOutcome.Accepted)
              intake.submit(
                  new IntakeRequest(
                      config.produces(),
                      fields,
                      key,
                      language,
                      IntakeRequest.externalForm(config.formId())));
      return new FormOutcome.Kept(
          bot.id(), FormOutcome.Kind.SUBMISSION, false, List.of(), language);
    }
    Validation<? extends SubmissionContent> validation =
        intake.validate(config.produces(), fields, language);
    List<String> dropped = new ArrayList<>();
    if (validation instanceof Validation.Invalid<? extends SubmissionContent> invalid) {
      if (config.produces() == SubmissionType.SIGNUP
          && invalid.errors().stream().anyMatch(e -> e.field().equals("consent"))) {
        return consentMissing(config, delivery, fields, key, language);
      }
      Set<String> optional = new LinkedHashSet<>();
      for (FieldError error : invalid.errors()) {
        if (!isRequired(config.produces(), error.field()) && fields.has(error.field())) {
          optional.add(error.field());
        }
      }
      if (!optional.isEmpty()) {
        dropped.addAll(optional);
        fields = without(fields, optional);
        validation = intake.validate(config.produces(), fields, language);
      }
    }
    if (validation instanceof Validation.Invalid<? extends SubmissionContent> invalid) {
      List<ReportToReview.Problem> problems = new ArrayList<>();
      for (FieldError error : invalid.errors()) {
        problems.add(
            new ReportToReview.Problem(
                error.field(),
                questionOf(config, error.field()),
                error.messageKey(),
                error.arguments()));
      }
      for (String field : dropped) {
        problems.add(
            new ReportToReview.Problem(
                field, questionOf(config, field), "forms.answer_unreadable", List.of()));
      }
      boolean distress = fields.values("distress").contains("true");
      return keepForReview(
          config,
          delivery,
          intake.territoryOf(fields).orElse(ReportToReview.noTerritory()),
          problems,
          answers.received(),
          distress,
          language,
          key);
    }
    SubmissionContent content =
        ((Validation.Valid<? extends SubmissionContent>) validation).value();
    if (!dropped.isEmpty()) {
      LOG.info("webhook.answers_dropped", "form", formId, "fields", dropped);
    }
    SubmissionNotes notes = new SubmissionNotes(Optional.empty(), dropped);
    return store(config, content, ContentFingerprint.of(content), key, notes, dropped);
  }

  /** Stores a submission or a report; a reused delivery id with other content is a correction. */
  private FormOutcome store(
      FormConfig config,
      SubmissionContent content,
      String fingerprint,
      Optional<String> key,
      SubmissionNotes notes,
      List<String> unread) {
    FormOutcome.Kind kind =
        content instanceof ReportToReview review
            ? (review.reason() == ReportToReview.Reason.SIGNUP_WITHOUT_CONSENT
                ? FormOutcome.Kind.CONSENT_MISSING
                : FormOutcome.Kind.REVIEW)
            : FormOutcome.Kind.SUBMISSION;
    String channel = IntakeRequest.externalForm(config.formId());
    SaveResult result = intake.store(content, fingerprint, key, notes, channel);
    if (result instanceof SaveResult.IdempotencyKeyReused reused) {
      // the same delivery id with different answers: an edited response, kept as a correction
      Optional<String> correctionKey =
          key.map(k -> idempotencyKey(config.formId(), k + "#" + fingerprint));
      result =
          intake.store(
              content,
              fingerprint,
              correctionKey,
              notes.asCorrectionOf(reused.existingId()),
              channel);
      if (kind == FormOutcome.Kind.SUBMISSION) {
        kind = FormOutcome.Kind.CORRECTION;
      }
      LOG.info("webhook.correction", "form", config.formId(), "correctionOf", reused.existingId());
    }
    if (result instanceof SaveResult.Saved saved) {
      LOG.info(
          "webhook.stored",
          "form",
          config.formId(),
          "provider",
          config.provider().code(),
          "id",
          saved.id(),
          "kind",
          kind.name(),
          "mrc",
          content.territory().mrcCode());
      return new FormOutcome.Kept(saved.id(), kind, false, unread, content.language());
    }
    if (result instanceof SaveResult.DuplicateOf duplicate) {
      LOG.info("webhook.redelivery", "form", config.formId(), "id", duplicate.existingId());
      return new FormOutcome.Kept(duplicate.existingId(), kind, true, unread, content.language());
    }
    throw new IllegalStateException("A correction's own key was already used");
  }

  private FormOutcome keepForReview(
      FormConfig config,
      FormDelivery delivery,
      ca.relais.core.model.Territory territory,
      List<ReportToReview.Problem> problems,
      List<ReceivedAnswer> received,
      boolean distress,
      Language language,
      Optional<String> key) {
    List<ReceivedAnswer> kept = capped(received);
    if (kept.size() < received.size()) {
      problems = new ArrayList<>(problems);
      problems.add(
          new ReportToReview.Problem(
              "body",
              "",
              "forms.answers_cut",
              List.of(String.valueOf(kept.size()), String.valueOf(received.size()))));
    } else if (!kept.equals(received)) {
      // every answer kept, but some with fewer values or a value cut short
      problems = new ArrayList<>(problems);
      problems.add(
          new ReportToReview.Problem(
              "body",
              "",
              "forms.values_cut",
              List.of(String.valueOf(RECEIVED_VALUES_MAX), String.valueOf(RECEIVED_CHARS_MAX))));
    }
    ReportToReview report =
        new ReportToReview(
            ReportToReview.Reason.INCOMPLETE,
            config.produces(),
            config.formId(),
            territory,
            problems,
            kept,
            distress,
            language);
    LOG.warn(
        "webhook.kept_for_review",
        "form",
        config.formId(),
        "fields",
        problems.stream().map(ReportToReview.Problem::field).distinct().toList(),
        "territoryKnown",
        report.territoryKnown());
    return store(
        config,
        report,
        deliveryFingerprint(config, delivery),
        key,
        SubmissionNotes.NONE,
        problems.stream().map(ReportToReview.Problem::field).distinct().toList());
  }

  /** A sign-up without consent: only the try is kept (form, time, territory), no answer. */
  private FormOutcome consentMissing(
      FormConfig config,
      FormDelivery delivery,
      FormFields fields,
      Optional<String> key,
      Language language) {
    ReportToReview notice =
        new ReportToReview(
            ReportToReview.Reason.SIGNUP_WITHOUT_CONSENT,
            SubmissionType.SIGNUP,
            config.formId(),
            intake.territoryOf(fields).orElse(ReportToReview.noTerritory()),
            List.of(
                new ReportToReview.Problem(
                    "consent",
                    questionOf(config, "consent"),
                    "signup.consent_required",
                    List.of())),
            List.of(),
            false,
            language);
    LOG.info("webhook.consent_missing", "form", config.formId());
    return store(
        config,
        notice,
        deliveryFingerprint(config, delivery),
        key,
        SubmissionNotes.NONE,
        List.of("consent"));
  }

  /** Fills the Relais fields from the answers: constants, the default MRC, the honeypot. */
  private static FormFields map(FormConfig config, Answers answers) {
    FormFields.Builder fields = FormFields.builder();
    boolean territory = false;
    for (FieldMapping mapping : config.fields()) {
      List<String> values = List.of();
      for (String question : mapping.questions()) {
        values = mapping.apply(answers.values(question));
        if (!values.isEmpty()) {
          break;
        }
      }
      if (values.isEmpty()) {
        continue;
      }
      territory |= mapping.field().equals("municipality") || mapping.field().equals("mrc");
      values.forEach(v -> fields.add(mapping.field(), v));
    }
    config.constants().forEach(fields::add);
    territory |= config.constants().containsKey("municipality");
    territory |= config.constants().containsKey("mrc");
    if (!territory && config.defaultMrc().isPresent()) {
      fields.add("mrc", config.defaultMrc().get());
    }
    if (config.provider() == ProviderFormat.HTML) {
      // a partner's HTML form may carry Relais's honeypot: a bot that fills it stores nothing
      answers.values(SubmissionValidator.HONEYPOT).forEach(v -> fields.add("website", v));
    }
    return fields.build();
  }

  private static boolean isRequired(SubmissionType type, String field) {
    return FormConfigs.REQUIRED.get(type).contains(field)
        || field.equals("municipality")
        || field.equals("mrc");
  }

  private static FormFields without(FormFields fields, Set<String> names) {
    FormFields.Builder kept = FormFields.builder();
    for (String name : fields.names()) {
      if (!names.contains(name)) {
        fields.values(name).forEach(v -> kept.add(name, v));
      }
    }
    return kept.build();
  }

  private static String questionOf(FormConfig config, String field) {
    return config.fields().stream()
        .filter(m -> m.field().equals(field))
        .map(FieldMapping::question)
        .findFirst()
        .orElse("");
  }

  /** The language of the form (its {@code language} constant), else the request's. */
  private static Language formLanguage(FormConfig config, Language requestLanguage) {
    return Optional.ofNullable(config.constants().get("language"))
        .flatMap(Language::parse)
        .orElse(requestLanguage);
  }

  /** The fingerprint of a delivery as received: a byte-identical redelivery has the same. */
  private static String deliveryFingerprint(FormConfig config, FormDelivery delivery) {
    java.security.MessageDigest digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    String body = java.util.HexFormat.of().formatHex(digest.digest(delivery.rawBody()));
    return ContentFingerprint.sha256("webhook:" + config.formId() + ":" + body);
  }

  /**
   * The problem of a delivery in a content type its provider does not use, or in none: with the
   * media type as a reviewer reads it (without parameters, lowercased, only the characters a media
   * type has, at most 80).
   */
  private static ReportToReview.Problem contentTypeProblem(FormConfig config, String contentType) {
    String media =
        contentType
            .split(";", 2)[0]
            .strip()
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9!#$&^_.+/-]", "");
    if (media.isEmpty()) {
      return new ReportToReview.Problem(
          "Content-Type", "", "forms.content_type_missing", List.of(config.provider().code()));
    }
    return new ReportToReview.Problem(
        "Content-Type",
        "",
        "forms.content_type_unexpected",
        List.of(
            config.provider().code(), media.length() > 80 ? media.substring(0, 80) + "…" : media));
  }

  /**
   * A body whose syntax does not read, as a person can read it: the answers that do read (a
   * urlencoded body with one bad escape), else the whole text as one answer {@code body} (UTF-8,
   * bytes that are not UTF-8 replaced by U+FFFD, control characters other than line breaks and tabs
   * by spaces; {@link #capped} shortens it).
   */
  static List<ReceivedAnswer> unreadableBody(FormDelivery delivery) {
    List<ReceivedAnswer> readable =
        ProviderFormat.asReceived(delivery.contentType(), delivery.rawBody());
    if (!readable.isEmpty()) {
      return readable;
    }
    // new String replaces the bytes that are not UTF-8 by U+FFFD
    String text =
        new String(delivery.rawBody(), java.nio.charset.StandardCharsets.UTF_8)
            .replaceAll("[\\p{Cntrl}&&[^\\n\\r\\t]]", " ");
    return text.isBlank() ? List.of() : List.of(new ReceivedAnswer("body", List.of(text)));
  }

  /** The answers as received, cut to what one record can hold. */
  static List<ReceivedAnswer> capped(List<ReceivedAnswer> received) {
    List<ReceivedAnswer> out = new ArrayList<>();
    int budget = RECEIVED_TOTAL_CHARS_MAX;
    for (ReceivedAnswer answer : received) {
      if (out.size() == RECEIVED_ANSWERS_MAX || budget <= 0) {
        break;
      }
      String question = cut(answer.question(), Math.min(300, budget));
      budget -= question.length();
      List<String> values = new ArrayList<>();
      for (String value : answer.values()) {
        if (values.size() == RECEIVED_VALUES_MAX || budget <= 0) {
          break;
        }
        String kept = cut(value, Math.min(RECEIVED_CHARS_MAX, budget));
        budget -= kept.length();
        values.add(kept);
      }
      out.add(new ReceivedAnswer(question, List.copyOf(values)));
    }
    return out;
  }

  /** The text, or its first {@code max} characters and "…" (never a lone half of a pair). */
  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Math.max(0, max - 1);
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  /** An event type for the logs: the provider's word, never free text. */
  private static String safe(String eventType) {
    return eventType.matches("[a-z_]{1,40}") ? eventType : "other";
  }

  /**
   * {@code formId:deliveryId}, or a hash of the delivery id when it is too long or has characters
   * an idempotency key may not have.
   */
  static String idempotencyKey(String formId, String deliveryId) {
    String key = formId + ":" + deliveryId;
    boolean visible = key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    return visible && key.length() <= KEY_MAX
        ? key
        : formId + ":sha256:" + ContentFingerprint.sha256(deliveryId);
  }
}
