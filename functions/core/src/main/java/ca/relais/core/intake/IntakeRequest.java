package ca.relais.core.intake;

import ca.relais.core.model.Language;
import ca.relais.core.model.SubmissionType;
import java.util.Optional;

/**
 * A submission as it arrives: which form, its fields, the client's idempotency key if any, and the
 * language the sender reads (from {@code Accept-Language}).
 */
public record IntakeRequest(
    SubmissionType type,
    FormFields fields,
    Optional<String> idempotencyKey,
    Language requestLanguage) {}
