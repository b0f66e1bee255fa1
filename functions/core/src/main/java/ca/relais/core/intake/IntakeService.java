package ca.relais.core.intake;

import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionContent;
import ca.relais.core.model.SubmissionType;
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
    // a sign-up agrees to its purposes; an observation records that the notice was shown
    ConsentProof consent =
        ConsentProof.given(
            content.type() == SubmissionType.SIGNUP ? ConsentProof.SIGNUP_PURPOSES : List.of(),
            notice,
            now,
            request.channel());
    Submission submission =
        new Submission(ids.next(content.type(), now), now, content, Optional.of(consent));
    DuplicateGuard guard =
        new DuplicateGuard(
            ContentFingerprint.of(content),
            key.map(k -> ContentFingerprint.sha256(content.type().name() + ":" + k)),
            now.plus(retention.duplicateWindow()));
    SaveResult result =
        store.save(submission, now.plus(retention.retentionOf(content.type())), guard);
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

  private static boolean isValidKey(String key) {
    if (key.length() > IDEMPOTENCY_KEY_MAX) {
      return false;
    }
    return key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
  }
}
