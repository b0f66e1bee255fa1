package ca.relais.local.template;

import java.util.Optional;

/**
 * A template parameter.
 *
 * @param name the parameter's name
 * @param type its CloudFormation type ({@code String}, {@code Number}, {@code
 *     CommaDelimitedList}...)
 * @param defaultValue the value the local stack uses: the template's {@code Default} as text, or
 *     the value given for it ({@link SamTemplate#withParameterValues}); empty when neither exists
 */
public record ParameterDef(String name, String type, Optional<String> defaultValue) {}
