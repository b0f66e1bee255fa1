package ca.relais.core.intake;

import ca.relais.core.model.Language;
import ca.relais.core.model.SubmissionType;
import java.util.Optional;

/**
 * A submission as it arrives: which form, its fields, the client's idempotency key if any, the
 * language the sender reads (from {@code Accept-Language}), and the channel it came through ({@link
 * #API}, {@link #WEB_FORM}, or {@code form:{formId}} for an external form), which the consent proof
 * records.
 */
public record IntakeRequest(
    SubmissionType type,
    FormFields fields,
    Optional<String> idempotencyKey,
    Language requestLanguage,
    String channel) {

  /** The JSON/form API ({@code POST /signups}, {@code POST /observations}). */
  public static final String API = "api";

  /** Relais's own web forms. */
  public static final String WEB_FORM = "web-form";

  /** A request of the JSON/form API. */
  public IntakeRequest(
      SubmissionType type,
      FormFields fields,
      Optional<String> idempotencyKey,
      Language requestLanguage) {
    this(type, fields, idempotencyKey, requestLanguage, API);
  }

  /** The channel of an external form tool's delivery. */
  public static String externalForm(String formId) {
    return "form:" + formId;
  }
}
