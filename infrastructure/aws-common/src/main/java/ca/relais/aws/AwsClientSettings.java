package ca.relais.aws;

import ca.relais.core.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How every Relais function builds its AWS clients: explicit region, explicit credentials provider,
 * the small {@link UrlConnectionHttpClient}, and an endpoint override for the local emulators
 * ({@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL}, the SDK's own names). Nothing is
 * discovered at run time: no profile files, no IMDS, no service-loader HTTP client.
 */
public final class AwsClientSettings {

  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final Environment environment;

  private AwsClientSettings(
      Region region, AwsCredentialsProvider credentials, Environment environment) {
    this.region = region;
    this.credentials = credentials;
    this.environment = environment;
  }

  /**
   * Settings from the function's environment: {@code AWS_REGION} (set by Lambda; ca-central-1 when
   * absent) and the credentials Lambda puts in the environment.
   */
  public static AwsClientSettings fromEnvironment(Environment environment) {
    Region region = Region.of(environment.get("AWS_REGION").orElse("ca-central-1"));
    return new AwsClientSettings(region, credentialsFrom(environment), environment);
  }

  public Region region() {
    return region;
  }

  /**
   * Applies region, credentials, HTTP client, standard retries and endpoint to a client builder.
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, String endpointService) {
    return build(builder, endpointService, true);
  }

  /**
   * Like {@link #build} but without SDK retries: for calls whose retries go through a queue (a
   * throttled send comes back as a failed message, not as a sleeping function).
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C buildWithoutRetries(
      B builder, String endpointService) {
    return build(builder, endpointService, false);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, String endpointService, boolean retries) {
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(8));
    if (retries) {
      override.retryStrategy(RetryMode.STANDARD);
    } else {
      override.retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry());
    }
    builder.region(region).credentialsProvider(credentials).overrideConfiguration(override.build());
    endpoint(endpointService).ifPresent(builder::endpointOverride);
    builder.httpClient(httpClient().build());
    return builder.build();
  }

  /** A URL-connection HTTP client with timeouts that suit Lambda. */
  public static UrlConnectionHttpClient.Builder httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(6));
  }

  private Optional<URI> endpoint(String service) {
    return environment
        .get("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT))
        .or(() -> environment.get("AWS_ENDPOINT_URL"))
        .map(URI::create);
  }

  private static AwsCredentialsProvider credentialsFrom(Environment environment) {
    Optional<String> keyId = environment.get("AWS_ACCESS_KEY_ID");
    Optional<String> secret = environment.get("AWS_SECRET_ACCESS_KEY");
    if (keyId.isEmpty() || secret.isEmpty()) {
      // Fails at the first call with the SDK's own message if the variables are missing.
      return EnvironmentVariableCredentialsProvider.create();
    }
    Optional<String> token = environment.get("AWS_SESSION_TOKEN");
    AwsCredentials credentials =
        token.isPresent()
            ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
            : AwsBasicCredentials.create(keyId.get(), secret.get());
    return StaticCredentialsProvider.create(credentials);
  }
}
