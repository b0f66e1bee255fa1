package ca.relais.core.intake;

import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.Language;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionContent;
import ca.relais.core.model.SubmissionNotes;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.model.Territory;
import ca.relais.core.port.SubmissionStore;
import ca.relais.core.port.SubmissionStore.DuplicateGuard;
import ca.relais.core.port.SubmissionStore.SaveResult;
import ca.relais.core.privacy.ConsentProof;
import ca.relais.core.privacy.NoticeParameters;
import ca.relais.core.privacy.PrivacyNotice;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Takes in a sign-up or an observation: validates it, resolves its territory, and stores it once.
 * The answer leaves only after the store has confirmed the write.
 */
public final class IntakeService {

  private static final StructuredLogger LOG = StructuredLogger.forComponent(IntakeService.class);
  private static final int IDEMPOTENCY_KEY_MAX = 200;

  private final SubmissionValidator validator;
  private final SubmissionStore store;
  private final ReferenceIds ids;
  private final RetentionPolicy retention;
  private final Clock clock;
  private final PrivacyNotice notice;

  /** An intake whose consents record the notice with the template's default parameters. */
  public IntakeService(
      SubmissionValidator validator,
      SubmissionStore store,
      ReferenceIds ids,
      RetentionPolicy retention,
      Clock clock) {
    this(
        validator,
        store,
        ids,
        retention,
        clock,
        PrivacyNotice.of(NoticeParameters.templateDefaults()));
  }

  /**
   * @param notice the privacy notice the forms show: its version is recorded with each consent
   */
  public IntakeService(
      SubmissionValidator validator,
      SubmissionStore store,
      ReferenceIds ids,
      RetentionPolicy retention,
      Clock clock,
      PrivacyNotice notice) {
    this.validator = validator;
    this.store = store;
    this.ids = ids;
    this.retention = retention;
    this.clock = clock;
    this.notice = notice;
  }

  public IntakeOutcome submit(IntakeRequest request) {
    Instant now = clock.instant();
    if (SubmissionValidator.isHoneypotFilled(request.fields())) {
      LOG.info("intake.honeypot", "type", request.type().name());
      return new IntakeOutcome.Accepted(
          ids.next(request.type(), now), request.requestLanguage(), false);
    }
    Optional<String> key = request.idempotencyKey().map(String::strip).filter(k -> !k.isEmpty());
    if (key.isPresent() && !isValidKey(key.get())) {
      return new IntakeOutcome.Rejected(
          List.of(FieldError.of("Idempotency-Key", "idempotency.key_invalid")));
    }
    Validation<? extends SubmissionContent> validation =
        request.type() == SubmissionType.SIGNUP
            ? validator.signUp(request.fields(), request.requestLanguage())
            : validator.observation(request.fields(), request.requestLanguage());
    if (validation instanceof Validation.Invalid<? extends SubmissionContent> invalid) {
      LOG.info(
          "intake.rejected",
          "type",
          request.type().name(),
          "fields",
          invalid.errors().stream().map(FieldError::field).distinct().toList());
      return new IntakeOutcome.Rejected(invalid.errors());
    }
    SubmissionContent content =
        ((Validation.Valid<? extends SubmissionContent>) validation).value();
    SaveResult result =
        store(
            content, ContentFingerprint.of(content), key, SubmissionNotes.NONE, request.channel());
    if (result instanceof SaveResult.Saved saved) {
      LOG.info(
          "intake.stored",
          "id",
          saved.id(),
          "type",
          content.type().name(),
          "mrc",
          content.territory().mrcCode());
      return new IntakeOutcome.Accepted(saved.id(), content.language(), false);
    }
    if (result instanceof SaveResult.DuplicateOf duplicate) {
      LOG.info("intake.duplicate", "id", duplicate.existingId(), "type", content.type().name());
      return new IntakeOutcome.Accepted(duplicate.existingId(), content.language(), true);
    }
    LOG.info("intake.idempotency_key_reused", "type", content.type().name());
    return new IntakeOutcome.Rejected(
        List.of(FieldError.of("Idempotency-Key", "idempotency.key_reused")));
  }

  /**
   * Validates fields without storing anything: for webhooks, which keep what they can of a delivery
   * instead of refusing it.
   */
  public Validation<? extends SubmissionContent> validate(
      SubmissionType type, FormFields fields, Language requestLanguage) {
    return type == SubmissionType.SIGNUP
        ? validator.signUp(fields, requestLanguage)
        : validator.observation(fields, requestLanguage);
  }

  /** The territory of the fields when it resolves (see {@link SubmissionValidator#territoryOf}). */
  public Optional<Territory> territoryOf(FormFields fields) {
    return validator.territoryOf(fields);
  }

  /**
   * Stores validated content (or a webhook delivery kept for review) once: the duplicate guards are
   * claimed in the same write.
   *
   * @param fingerprint the content's fingerprint ({@link ContentFingerprint#of}), or for a report
   *     kept for review a hash of the delivery as received
   * @param idempotencyKey the client's key or the webhook's {@code formId:deliveryId}, already
   *     checked (at most 200 visible ASCII characters); a report to review shares the key space of
   *     the type its form produces, so a later correction is linked to it
   * @param channel where it came from ({@link IntakeRequest#API}, {@link IntakeRequest#WEB_FORM},
   *     {@link IntakeRequest#externalForm}), kept in the consent proof
   * @return saved, a duplicate of an earlier submission, or the key already used for other content
   *     (with the first submission's id)
   */
  public SaveResult store(
      SubmissionContent content,
      String fingerprint,
      Optional<String> idempotencyKey,
      SubmissionNotes notes,
      String channel) {
    Instant now = clock.instant();
    SubmissionType keyScope =
        content instanceof ReportToReview review ? review.intended() : content.type();
    // a sign-up agrees to its purposes; an observation (or a report kept for review) records that
    // the notice was shown, and through which channel
    ConsentProof consent =
        ConsentProof.given(
            content.type() == SubmissionType.SIGNUP ? ConsentProof.SIGNUP_PURPOSES : List.of(),
            notice,
            now,
            channel);
    Submission submission =
        new Submission(ids.next(content.type(), now), now, content, notes, Optional.of(consent));
    DuplicateGuard guard =
        new DuplicateGuard(
            fingerprint,
            idempotencyKey.map(k -> ContentFingerprint.sha256(keyScope.name() + ":" + k)),
            now.plus(retention.duplicateWindow()));
    return store.save(submission, now.plus(retention.retentionOf(content.type())), guard);
  }

  private static boolean isValidKey(String key) {
    if (key.length() > IDEMPOTENCY_KEY_MAX) {
      return false;
    }
    return key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
  }
}
