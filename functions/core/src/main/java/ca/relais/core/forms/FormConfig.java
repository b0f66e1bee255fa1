package ca.relais.core.forms;

import ca.relais.core.model.SubmissionType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One external form, as its file {@code forms/{formId}.json} declares it: which tool sends it, what
 * it produces, how its questions map to Relais fields, and how its deliveries are authenticated.
 *
 * @param deliveryId where the delivery id is, for {@code json} (a JSON Pointer) and {@code html} (a
 *     field name); the other providers have their own
 */
public record FormConfig(
    String formId,
    ProviderFormat provider,
    SubmissionType produces,
    Optional<String> defaultMrc,
    List<FieldMapping> fields,
    Map<String, String> constants,
    AuthConfig auth,
    Optional<String> deliveryId) {

  public FormConfig {
    fields = List.copyOf(fields);
    constants = Map.copyOf(constants);
  }
}
