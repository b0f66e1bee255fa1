package ca.relais.core.forms;

import ca.relais.core.model.Language;
import java.util.Optional;
import java.util.function.Function;

/**
 * One delivery of a form tool, as received.
 *
 * @param formId the form of the path {@code /forms/{formId}}
 * @param contentType the {@code Content-Type} header, or empty text when absent
 * @param rawBody the exact bytes received (what a signature covers)
 * @param headers a header by name, whatever its case
 * @param query a query parameter by name
 * @param requestLanguage the language of the answer (from {@code Accept-Language})
 */
public record FormDelivery(
    String formId,
    String contentType,
    byte[] rawBody,
    Function<String, Optional<String>> headers,
    Function<String, Optional<String>> query,
    Language requestLanguage) {}
