package ca.relais.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@code AWS::Serverless::Function}, with the template's Globals applied. */
public record FunctionDef(
    String logicalId,
    String handlerClass,
    String handlerMethod,
    Optional<String> codeUri,
    int timeoutSeconds,
    Map<String, Object> environment,
    List<EventSourceDef> events) {}
