package ca.relais.intake;

import ca.relais.core.forms.FormConfigException;
import ca.relais.core.forms.FormDelivery;
import ca.relais.core.forms.FormOutcome;
import ca.relais.core.forms.FormSubmissionService;
import ca.relais.core.forms.MissingAnswer;
import ca.relais.core.i18n.Messages;
import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.intake.FieldError;
import ca.relais.core.intake.IntakeOutcome;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.Language;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /forms/{formId}}: a delivery of a configured external form (Typeform, Tally, Jotform,
 * Google Forms, Microsoft Forms through Power Automate, KoBoToolbox, any JSON, a plain HTML form),
 * turned into an HTTP answer. Form tools look only at the status: 201 on success.
 */
final class FormRoute {

  static final String ROUTE = "POST /forms/{formId}";

  private static final StructuredLogger LOG = StructuredLogger.forComponent(FormRoute.class);

  private final FormSubmissionService forms;
  private final int maxBodyBytes;

  FormRoute(FormSubmissionService forms, int maxBodyBytes) {
    this.forms = forms;
    this.maxBodyBytes = maxBodyBytes;
  }

  APIGatewayV2HTTPResponse handle(HttpRequest request, Language language) {
    byte[] body;
    try {
      body = request.body(maxBodyBytes);
    } catch (BodyRejectedException rejected) {
      return HttpResponses.bodyRejected(rejected, maxBodyBytes, language);
    }
    String formId = request.pathParameter("formId").orElse("");
    FormOutcome outcome;
    try {
      outcome =
          forms.submit(
              new FormDelivery(
                  formId,
                  request.header("Content-Type").orElse(""),
                  body,
                  request::header,
                  request::queryParameter,
                  language));
    } catch (FormConfigException broken) {
      LOG.error("forms.config_invalid", "form", formId, "problem", broken.getMessage());
      return HttpResponses.unavailable(language);
    } catch (RuntimeException storeFailure) {
      LOG.error("forms.store_failed", storeFailure, "form", formId);
      return HttpResponses.unavailable(language);
    }
    return answer(outcome, request, language);
  }

  private APIGatewayV2HTTPResponse answer(
      FormOutcome outcome, HttpRequest request, Language language) {
    if (outcome instanceof FormOutcome.UnknownForm) {
      return HttpResponses.error(404, FieldError.of("formId", "forms.unknown"), language);
    }
    if (outcome instanceof FormOutcome.Unauthorized unauthorized) {
      APIGatewayV2HTTPResponse response =
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
      return response;
    }
    if (outcome instanceof FormOutcome.BadBody bad) {
      return HttpResponses.bodyRejected(bad.reason(), maxBodyBytes, language);
    }
    if (outcome instanceof FormOutcome.UnexpectedPayload unexpected) {
      return HttpResponses.error(
          400, FieldError.of("body", "forms.payload_unexpected", unexpected.provider()), language);
    }
    if (outcome instanceof FormOutcome.Unmapped unmapped) {
      return unmapped(unmapped.missing(), language);
    }
    IntakeOutcome submitted = ((FormOutcome.Submitted) outcome).outcome();
    if (submitted instanceof IntakeOutcome.Accepted accepted) {
      return request.wantsHtml()
          ? HttpResponses.seeOther(ThankYouPage.location(accepted.id(), accepted.language()))
          : HttpResponses.created(accepted.id());
    }
    IntakeOutcome.Rejected rejected = (IntakeOutcome.Rejected) submitted;
    boolean keyProblem =
        rejected.errors().stream().anyMatch(e -> e.field().equals("Idempotency-Key"));
    return HttpResponses.errors(keyProblem ? 422 : 400, rejected.errors(), language);
  }

  /** 422: each required Relais field left unanswered, with the provider's question. */
  private static APIGatewayV2HTTPResponse unmapped(List<MissingAnswer> missing, Language language) {
    Messages messages = Messages.of(language);
    List<Map<String, String>> items =
        missing.stream()
            .map(
                m -> {
                  Map<String, String> item = new LinkedHashMap<>();
                  item.put("field", m.field());
                  item.put("question", m.question());
                  item.put(
                      "message",
                      messages.format(MissingAnswer.MESSAGE_KEY, m.question(), m.field()));
                  return item;
                })
            .toList();
    return HttpResponses.json(422, Map.of("errors", items), language);
  }
}
