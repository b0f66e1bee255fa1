package ca.relais.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::Serverless::Function}, with the template's {@code Globals.Function} applied.
 *
 * @param logicalId the function's logical id
 * @param handlerClass the class of {@code Handler: pkg.Class::method}
 * @param handlerMethod the method ({@code handleRequest} when the handler names none)
 * @param codeUri the {@code CodeUri} when it is a path (empty when absent or an S3 location)
 * @param timeoutSeconds {@code Timeout} (the function's, else the Globals', else Lambda's 3 s)
 * @param environment {@code Environment.Variables}, the Globals' merged with the function's own
 *     (the function wins), in template order; values unresolved (see {@link
 *     LocalResources#environmentOf})
 * @param events the event sources the local stack emulates, in template order (other types, such as
 *     REST {@code Api} or {@code S3}, are left out)
 */
public record FunctionDef(
    String logicalId,
    String handlerClass,
    String handlerMethod,
    Optional<String> codeUri,
    int timeoutSeconds,
    Map<String, Object> environment,
    List<EventSourceDef> events) {}
