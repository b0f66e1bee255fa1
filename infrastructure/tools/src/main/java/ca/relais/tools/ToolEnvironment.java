package ca.relais.tools;

import ca.relais.core.config.Environment;
import java.util.Optional;

/**
 * The environment an operator command builds its AWS clients from: the process's, with the
 * command's {@code --endpoint-url} and {@code --region} laid over {@code AWS_ENDPOINT_URL} and
 * {@code AWS_REGION}. Credentials then come as the functions take them ({@code
 * ca.relais.aws.AwsClientSettings}): the access-key variables, else the container-credentials
 * endpoint; never a profile file or IMDS.
 */
public final class ToolEnvironment {

  private ToolEnvironment() {}

  /** {@code environment} with the given endpoint and region, where given. */
  public static Environment of(
      Environment environment, Optional<String> endpointUrl, Optional<String> region) {
    return name -> {
      if (name.equals("AWS_ENDPOINT_URL") && endpointUrl.isPresent()) {
        return endpointUrl;
      }
      if (name.equals("AWS_REGION") && region.isPresent()) {
        return region;
      }
      return environment.get(name);
    };
  }
}
