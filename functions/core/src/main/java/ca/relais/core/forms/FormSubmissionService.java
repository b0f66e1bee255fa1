package ca.relais.core.forms;

import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.intake.ContentFingerprint;
import ca.relais.core.intake.FormFields;
import ca.relais.core.intake.IntakeRequest;
import ca.relais.core.intake.IntakeService;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.log.StructuredLogger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes a delivery of any configured form tool: finds the form, authenticates the raw body, reads
 * the provider's payload, maps its answers to the Relais fields, and hands the result to {@link
 * IntakeService}: the same validation, territory, deduplication and storage as the canonical
 * routes. The provider's delivery id, prefixed with the form id, is the idempotency key, so a retry
 * hours later answers the first id and stores nothing new.
 */
public final class FormSubmissionService {

  private static final StructuredLogger LOG =
      StructuredLogger.forComponent(FormSubmissionService.class);
  private static final int KEY_MAX = 200;

  private final FormConfigs configs;
  private final WebhookAuthenticator authenticator;
  private final IntakeService intake;

  public FormSubmissionService(FormConfigs configs, FormSecrets secrets, IntakeService intake) {
    this.configs = configs;
    this.authenticator = new WebhookAuthenticator(secrets);
    this.intake = intake;
  }

  /**
   * @throws FormConfigException when the form's own file is broken (an operator's error, not the
   *     sender's)
   */
  public FormOutcome submit(FormDelivery delivery) {
    Optional<FormConfig> found = configs.find(delivery.formId());
    if (found.isEmpty()) {
      LOG.info("forms.unknown_form");
      return new FormOutcome.UnknownForm();
    }
    FormConfig config = found.get();
    String formId = config.formId();
    WebhookAuthenticator.Result auth =
        authenticator.check(
            formId, config.auth(), delivery.rawBody(), delivery.headers(), delivery.query());
    if (auth instanceof WebhookAuthenticator.Result.Missing missing) {
      LOG.warn("forms.unauthenticated", "form", formId, "credential", missing.credential());
      return new FormOutcome.Unauthorized(missing.credential(), true);
    }
    if (auth instanceof WebhookAuthenticator.Result.Invalid invalid) {
      LOG.warn("forms.forged", "form", formId, "credential", invalid.credential());
      return new FormOutcome.Unauthorized(invalid.credential(), false);
    }
    Answers answers;
    try {
      answers = config.provider().read(config, delivery.contentType(), delivery.rawBody());
    } catch (BodyRejectedException rejected) {
      LOG.info("forms.body_rejected", "form", formId, "reason", rejected.reason().name());
      return new FormOutcome.BadBody(rejected);
    } catch (UnexpectedPayloadException unexpected) {
      LOG.info("forms.unexpected_payload", "form", formId, "missing", unexpected.getMessage());
      return new FormOutcome.UnexpectedPayload(config.provider().code());
    }
    FormFields.Builder fields = FormFields.builder();
    List<MissingAnswer> missing = map(config, answers, fields);
    if (!missing.isEmpty()) {
      LOG.info(
          "forms.unmapped",
          "form",
          formId,
          "fields",
          missing.stream().map(MissingAnswer::field).toList());
      return new FormOutcome.Unmapped(missing);
    }
    Optional<String> key = answers.deliveryId().map(id -> idempotencyKey(formId, id));
    LOG.info(
        "forms.received",
        "form",
        formId,
        "provider",
        config.provider().code(),
        "hasDeliveryId",
        key.isPresent());
    return new FormOutcome.Submitted(
        intake.submit(
            new IntakeRequest(
                config.produces(),
                fields.build(),
                key,
                delivery.requestLanguage(),
                IntakeRequest.externalForm(formId))));
  }

  /** Fills the Relais fields; answers the required fields left without an answer. */
  private static List<MissingAnswer> map(
      FormConfig config, Answers answers, FormFields.Builder fields) {
    List<MissingAnswer> missing = new ArrayList<>();
    List<String> required = FormConfigs.REQUIRED.get(config.produces());
    boolean territory = false;
    FieldMapping firstTerritoryMapping = null;
    for (FieldMapping mapping : config.fields()) {
      List<String> values = List.of();
      for (String question : mapping.questions()) {
        values = mapping.apply(answers.values(question));
        if (!values.isEmpty()) {
          break;
        }
      }
      boolean isTerritory = mapping.field().equals("municipality") || mapping.field().equals("mrc");
      if (isTerritory && firstTerritoryMapping == null) {
        firstTerritoryMapping = mapping;
      }
      if (values.isEmpty()) {
        if (required.contains(mapping.field())) {
          missing.add(new MissingAnswer(mapping.field(), mapping.question()));
        }
        continue;
      }
      territory |= isTerritory;
      values.forEach(v -> fields.add(mapping.field(), v));
    }
    config.constants().forEach(fields::add);
    territory |= config.constants().containsKey("municipality");
    territory |= config.constants().containsKey("mrc");
    if (!territory) {
      if (config.defaultMrc().isPresent()) {
        fields.add("mrc", config.defaultMrc().get());
      } else if (firstTerritoryMapping != null) {
        missing.add(
            new MissingAnswer(firstTerritoryMapping.field(), firstTerritoryMapping.question()));
      }
    }
    if (config.provider() == ProviderFormat.HTML) {
      // a partner's HTML form may carry Relais's honeypot: a bot that fills it stores nothing
      answers.values(SubmissionValidator.HONEYPOT).forEach(v -> fields.add("website", v));
    }
    return missing;
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
