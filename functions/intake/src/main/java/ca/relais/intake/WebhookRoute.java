package ca.relais.intake;

import ca.relais.aws.http.HttpApiResponse;
import ca.relais.core.forms.FormConfigException;
import ca.relais.core.forms.FormDelivery;
import ca.relais.core.forms.FormOutcome;
import ca.relais.core.forms.FormSubmissionService;
import ca.relais.core.forms.MissingAnswer;
import ca.relais.core.i18n.Messages;
import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.intake.FieldError;
import ca.relais.core.json.Json;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.Language;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /forms/{formId}}: a webhook delivery of a configured external form (Typeform, Tally,
 * Jotform, Google Forms, Microsoft Forms through Power Automate, KoBoToolbox, any JSON, a plain
 * HTML form), turned into an HTTP answer. Form tools look only at the status: 2xx whenever the
 * delivery is kept (even as a report to review), 401 for authentication, 404 for an unknown form. A
 * browser ({@code Accept: text/html}) gets a page in the form's language, never JSON.
 */
final class WebhookRoute {

  static final String ROUTE = "POST /forms/{formId}";

  private static final StructuredLogger LOG = StructuredLogger.forComponent(WebhookRoute.class);

  private final FormSubmissionService forms;
  private final int maxBodyBytes;

  /**
   * @param maxBodyBytes the largest webhook body, in bytes (at least 1 MiB: Typeform sends the
   *     whole form definition with each delivery)
   */
  WebhookRoute(FormSubmissionService forms, int maxBodyBytes) {
    this.forms = forms;
    this.maxBodyBytes = maxBodyBytes;
  }

  HttpApiResponse handle(HttpRequest request, Language language) {
    byte[] body;
    boolean tooLarge = false;
    try {
      body = request.body(maxBodyBytes);
    } catch (BodyRejectedException rejected) {
      if (rejected.reason() != BodyRejectedException.Reason.TOO_LARGE) {
        return failed(
            request, HttpResponses.bodyRejected(rejected, maxBodyBytes, language), language);
      }
      // over the limit but here (what reached the function, Lambda's 6 MB at most in AWS):
      // authenticated and kept, never a 413 that a form tool takes as final
      try {
        body = request.body(Integer.MAX_VALUE);
      } catch (BodyRejectedException unreadable) {
        return failed(
            request, HttpResponses.bodyRejected(unreadable, maxBodyBytes, language), language);
      }
      tooLarge = true;
    }
    String formId = request.pathParameter("formId").orElse("");
    FormDelivery delivery =
        new FormDelivery(
            formId,
            request.header("Content-Type").orElse(""),
            body,
            request::header,
            request::queryParameter,
            language);
    FormOutcome outcome;
    try {
      outcome = tooLarge ? forms.submitTooLarge(delivery, maxBodyBytes) : forms.submit(delivery);
    } catch (FormConfigException broken) {
      LOG.error("webhook.config_invalid", "form", formId, "problem", broken.getMessage());
      return failed(request, HttpResponses.unavailable(language), language);
    } catch (RuntimeException storeFailure) {
      LOG.error("webhook.store_failed", storeFailure, "form", formId);
      return failed(request, HttpResponses.unavailable(language), language);
    }
    return answer(outcome, request, language);
  }

  private HttpApiResponse answer(FormOutcome outcome, HttpRequest request, Language language) {
    if (outcome instanceof FormOutcome.UnknownForm) {
      return failed(
          request,
          HttpResponses.error(404, FieldError.of("formId", "forms.unknown"), language),
          language);
    }
    if (outcome instanceof FormOutcome.Unauthorized unauthorized) {
      HttpApiResponse response =
          HttpResponses.error(
              401,
              FieldError.of(
                  unauthorized.credential(),
                  unauthorized.missing() ? "forms.credential_missing" : "forms.credential_invalid",
                  unauthorized.credential()),
              language);
      if (unauthorized.credential().equals("Authorization")) {
        response.getHeaders().put("WWW-Authenticate", "Basic realm=\"Relais\", charset=\"UTF-8\"");
      }
      return failed(request, response, language);
    }
    if (outcome instanceof FormOutcome.BadBody bad) {
      return failed(
          request, HttpResponses.bodyRejected(bad.reason(), maxBodyBytes, language), language);
    }
    if (outcome instanceof FormOutcome.Ignored) {
      return HttpResponses.json(200, Map.of("status", "ignored"), language);
    }
    if (outcome instanceof FormOutcome.QuestionNotInForm undefined) {
      return failed(request, questionsNotInForm(undefined.questions(), language), language);
    }
    return kept((FormOutcome.Kept) outcome, request);
  }

  private static HttpApiResponse kept(FormOutcome.Kept kept, HttpRequest request) {
    Language language = kept.language();
    Messages text = Messages.of(language);
    if (request.wantsHtml()) {
      return switch (kept.kind()) {
        case SUBMISSION, CORRECTION ->
            HttpResponses.seeOther(ThankYouPage.location(kept.id(), language));
        case REVIEW ->
            HttpResponses.html(
                200,
                WebhookPage.render(
                    language,
                    text.format("webhook.page.review_title"),
                    List.of(
                        text.format("webhook.page.received_body"),
                        text.format(
                            "webhook.page.review_body",
                            kept.unread().stream()
                                .map(field -> label(text, field))
                                .collect(java.util.stream.Collectors.joining(", ")))),
                    Optional.of(kept.id()),
                    request.header("Referer")),
                language);
        case CONSENT_MISSING ->
            HttpResponses.html(
                200,
                WebhookPage.render(
                    language,
                    text.format("webhook.page.consent_title"),
                    List.of(text.format("webhook.page.consent_body")),
                    Optional.empty(),
                    request.header("Referer")),
                language);
      };
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", kept.id());
    body.put(
        "status",
        switch (kept.kind()) {
          case SUBMISSION -> "received";
          case CORRECTION -> "correction";
          case REVIEW -> "to_review";
          case CONSENT_MISSING -> "not_stored_without_consent";
        });
    if (!kept.unread().isEmpty()) {
      body.put("unread", kept.unread());
    }
    return HttpResponses.json(
        kept.kind() == FormOutcome.Kind.CONSENT_MISSING ? 200 : 201, body, language);
  }

  /** The JSON answer for a tool; for a browser, a page in its language with a way back. */
  private static HttpApiResponse failed(
      HttpRequest request, HttpApiResponse json, Language language) {
    if (!request.wantsHtml()) {
      return json;
    }
    Messages text = Messages.of(language);
    String detail = firstMessage(json.getBody());
    HttpApiResponse page =
        HttpResponses.html(
            json.getStatusCode(),
            WebhookPage.render(
                language,
                text.format("webhook.page.error_title"),
                detail.isEmpty()
                    ? List.of(text.format("webhook.page.error_body"))
                    : List.of(
                        text.format("webhook.page.error_body"),
                        text.format("webhook.page.detail", detail)),
                Optional.empty(),
                request.header("Referer")),
            language);
    json.getHeaders().entrySet().stream()
        .filter(h -> h.getKey().equals("Retry-After") || h.getKey().equals("WWW-Authenticate"))
        .forEach(h -> page.getHeaders().put(h.getKey(), h.getValue()));
    return page;
  }

  /** The message of a JSON error answer ({@code errors[0].message} or {@code message}). */
  private static String firstMessage(String json) {
    try {
      Object root = Json.read(json);
      return Json.at(root, "/errors/0/message")
          .filter(String.class::isInstance)
          .or(() -> Json.at(root, "/message"))
          .map(Json::text)
          .orElse("");
    } catch (java.io.IOException | RuntimeException unreadable) {
      return "";
    }
  }

  /** 422: questions of the form's file that the form itself does not have (configuration). */
  private static HttpApiResponse questionsNotInForm(
      List<MissingAnswer> questions, Language language) {
    Messages messages = Messages.of(language);
    List<Map<String, String>> items =
        questions.stream()
            .map(
                m -> {
                  Map<String, String> item = new LinkedHashMap<>();
                  item.put("field", m.field());
                  item.put("question", m.question());
                  item.put(
                      "message",
                      messages.format("forms.question_not_in_form", m.question(), m.field()));
                  return item;
                })
            .toList();
    return HttpResponses.json(422, Map.of("errors", items), language);
  }

  /** A Relais field as the person reads it ({@code field.label.*}), else its name. */
  private static String label(Messages text, String field) {
    String key = "field.label." + field;
    String label = text.format(key);
    return label.equals(key) ? field : label;
  }
}
