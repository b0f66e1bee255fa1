package ca.relais.local.lambda;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables Lambda gives one function, as the local stack reproduces them: the
 * template's variables, then the reserved ones Lambda sets ({@code _HANDLER}, {@code AWS_REGION},
 * {@code AWS_LAMBDA_FUNCTION_NAME}, {@code TZ=:UTC}...), then the credentials: access keys for a
 * function without SnapStart, the container-credentials endpoint and its token (and no access key)
 * for a function with SnapStart, as Lambda does.
 *
 * @param templateVariables the function's {@code Environment.Variables}, resolved
 * @param handler the template's {@code Handler}
 * @param functionName the function's name
 * @param region the region
 * @param runtime the template's {@code Runtime} ({@code java21})
 * @param memoryMb {@code MemorySize}
 * @param version the version an invocation runs ({@code 1} for a published version)
 * @param snapStart whether {@code SnapStart.ApplyOn} is {@code PublishedVersions}
 */
public record LambdaEnvironment(
    Map<String, String> templateVariables,
    String handler,
    String functionName,
    String region,
    String runtime,
    int memoryMb,
    String version,
    boolean snapStart) {

  /** The access key a function without SnapStart gets locally (the emulators accept any). */
  public static final String LOCAL_ACCESS_KEY = "local";

  /**
   * Every variable the function sees.
   *
   * @param credentials the loopback credentials endpoint (used under SnapStart)
   * @param endpoints the emulators, as {@code AWS_ENDPOINT_URL_<SERVICE>} variables
   */
  public Map<String, String> variables(
      LocalCredentialsEndpoint credentials, Map<String, URI> endpoints) {
    Map<String, String> variables = new LinkedHashMap<>(templateVariables);
    variables.put("_HANDLER", handler);
    variables.put("AWS_REGION", region);
    variables.put("AWS_DEFAULT_REGION", region);
    variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + runtime);
    variables.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
    variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memoryMb));
    variables.put("AWS_LAMBDA_FUNCTION_VERSION", version);
    variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand");
    variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
    variables.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
    variables.put("LAMBDA_TASK_ROOT", "/var/task");
    variables.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
    variables.put("LANG", "en_US.UTF-8");
    variables.put("TZ", ":UTC");
    if (snapStart) {
      variables.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.uri().toString());
      variables.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", credentials.token());
    } else {
      variables.put("AWS_ACCESS_KEY_ID", LOCAL_ACCESS_KEY);
      variables.put("AWS_SECRET_ACCESS_KEY", LOCAL_ACCESS_KEY);
      variables.put("AWS_SESSION_TOKEN", LOCAL_ACCESS_KEY);
    }
    endpoints.forEach(
        (service, uri) -> variables.put("AWS_ENDPOINT_URL_" + service, uri.toString()));
    return variables;
  }
}
