package ca.relais.intake;

import ca.relais.aws.http.HttpApiResponse;
import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.intake.FieldError;
import ca.relais.core.intake.FormFields;
import ca.relais.core.intake.IntakeOutcome;
import ca.relais.core.intake.IntakeRequest;
import ca.relais.core.intake.IntakeService;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.Language;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Our own web forms: {@code GET /} (landing), {@code GET|POST /inscription} (sign-up) and {@code
 * GET|POST /signalement} (vigie observation). A post goes through the same {@link IntakeService} as
 * the JSON API, once its signed token and fill time are checked; a problem shows the form again
 * with the values kept and the errors next to the fields.
 */
final class WebForms {

  /** The hidden fields our forms add, removed before {@link IntakeService} sees the form. */
  static final String TOKEN_FIELD = "formToken";

  static final String LANGUAGE_FIELD = "lang";
  private static final Set<String> TECHNICAL = Set.of(TOKEN_FIELD, LANGUAGE_FIELD);

  /** Pages may be framed by no one and post only to us. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none';"
          + " base-uri 'none'";

  private static final StructuredLogger LOG = StructuredLogger.forComponent(WebForms.class);

  private final IntakeService intake;
  private final FormPages pages;
  private final FormToken tokens;
  private final int maxBodyBytes;

  WebForms(IntakeService intake, FormPages pages, FormToken tokens, int maxBodyBytes) {
    this.intake = intake;
    this.pages = pages;
    this.tokens = tokens;
    this.maxBodyBytes = maxBodyBytes;
  }

  HttpApiResponse landing(HttpRequest request) {
    Language language = pageLanguage(request, Optional.empty());
    return page(200, pages.landing(language), language);
  }

  /** {@code GET /merci?id=…&lang=…}: the thank-you page, in the language of the form posted. */
  HttpApiResponse thanks(HttpRequest request) {
    Language language = pageLanguage(request, Optional.empty());
    return page(200, pages.thanks(request.queryParameter("id"), language), language);
  }

  HttpApiResponse show(WebForm form, HttpRequest request) {
    Language language = pageLanguage(request, Optional.empty());
    return page(
        200, pages.form(form, language, tokens.issue(form), FormPages.State.empty()), language);
  }

  HttpApiResponse post(WebForm form, HttpRequest request) {
    FormFields posted;
    try {
      posted = request.form(maxBodyBytes);
    } catch (BodyRejectedException rejected) {
      Language language = pageLanguage(request, Optional.empty());
      return switch (rejected.reason()) {
        case TOO_LARGE ->
            again(
                413,
                form,
                language,
                FormFields.builder().build(),
                List.of(),
                FieldError.of("body", "body.too_large", String.valueOf(maxBodyBytes)));
        case UNSUPPORTED_MEDIA_TYPE ->
            again(
                415,
                form,
                language,
                FormFields.builder().build(),
                List.of(),
                FieldError.of("Content-Type", "body.unsupported_media_type"));
        case MALFORMED, NOT_A_FORM ->
            again(
                400,
                form,
                language,
                FormFields.builder().build(),
                List.of(),
                FieldError.of("body", "body.malformed"));
      };
    }
    Language language = pageLanguage(request, single(posted, LANGUAGE_FIELD));
    FormFields fields = withoutTechnicalFields(posted);
    FormToken.Check check = tokens.verify(form, single(posted, TOKEN_FIELD));
    if (check != FormToken.Check.VALID) {
      LOG.info("webform.token_refused", "form", form.code(), "check", check.name());
      return again(
          400,
          form,
          language,
          fields,
          List.of(),
          FieldError.of(TOKEN_FIELD, "token_" + check.name().toLowerCase(java.util.Locale.ROOT)));
    }
    IntakeOutcome outcome;
    try {
      outcome =
          intake.submit(
              new IntakeRequest(
                  form.type(), fields, Optional.empty(), language, IntakeRequest.WEB_FORM));
    } catch (RuntimeException storeFailure) {
      LOG.error("webform.store_failed", storeFailure, "form", form.code());
      HttpApiResponse unavailable =
          again(503, form, language, fields, List.of(), FieldError.of("", "server.unavailable"));
      unavailable.getHeaders().put("Retry-After", "30");
      return unavailable;
    }
    if (outcome instanceof IntakeOutcome.Accepted accepted) {
      return HttpResponses.seeOther(ThankYouPage.location(accepted.id(), language));
    }
    return again(400, form, language, fields, ((IntakeOutcome.Rejected) outcome).errors(), null);
  }

  /** The form again, with what was typed, the errors and a fresh token. */
  private HttpApiResponse again(
      int status,
      WebForm form,
      Language language,
      FormFields values,
      List<FieldError> errors,
      FieldError formProblem) {
    FormPages.State state = new FormPages.State(values, errors, Optional.ofNullable(formProblem));
    return page(status, pages.form(form, language, tokens.issue(form), state), language);
  }

  private static HttpApiResponse page(int status, String html, Language language) {
    HttpApiResponse response = HttpResponses.html(status, html, language);
    response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response.getHeaders().put("Vary", "Accept-Language");
    return response;
  }

  /** {@code lang} of the form, else {@code ?lang=}, else {@code Accept-Language}, else French. */
  static Language pageLanguage(HttpRequest request, Optional<String> formLanguage) {
    return formLanguage
        .flatMap(Language::parse)
        .or(() -> request.queryParameter("lang").flatMap(Language::parse))
        .orElseGet(request::language);
  }

  static FormFields withoutTechnicalFields(FormFields posted) {
    // each field keeps its position in the body as sent: an unknown one is named by it
    return posted.without(TECHNICAL);
  }

  private static Optional<String> single(FormFields fields, String name) {
    List<String> values = fields.values(name);
    return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
  }
}
