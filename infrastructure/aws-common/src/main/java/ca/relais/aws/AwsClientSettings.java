package ca.relais.aws;

import ca.relais.aws.snapstart.DryRun;
import ca.relais.core.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * How every Relais function builds its AWS clients: explicit region, explicit credentials provider,
 * the small {@link UrlConnectionHttpClient}, and an endpoint override for the local emulators
 * ({@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL}, the SDK's own names). Nothing is
 * discovered at run time: no profile files, no IMDS, no service-loader HTTP client.
 *
 * <p>Credentials: a deployed function ({@link #forFunction}) takes its role's credentials from the
 * container-credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with {@code
 * AWS_CONTAINER_AUTHORIZATION_TOKEN}) and nothing else. {@code template.yaml} turns SnapStart on
 * for every function (checked by {@code .ci/check_template.py}), and Lambda gives a SnapStart
 * function its credentials there, not in the access-key variables; keys read at init would be
 * frozen into the snapshot and expire in every restored environment. The SDK's {@link
 * ContainerCredentialsProvider} fetches them at the first call (never at init) and fetches new ones
 * before they expire. A person running a tool from a shell ({@link #forOperator}) may give access
 * keys instead.
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

  /** A profile file with no profile: clients never read {@code ~/.aws/config} or credentials. */
  private static final ProfileFile NO_PROFILES =
      ProfileFile.builder().content("").type(ProfileFile.Type.CONFIGURATION).build();

  /**
   * Settings of a deployed function (and of the local stack, which runs it as Lambda does): {@code
   * AWS_REGION} (set by Lambda; ca-central-1 when absent) and the role's credentials from the
   * container-credentials endpoint only. The access-key variables are never read, even when set.
   * Without the endpoint's variables the first AWS call fails, naming them.
   */
  public static AwsClientSettings forFunction(Environment environment) {
    return new AwsClientSettings(
        regionOf(environment), ContainerCredentialsProvider.builder().build(), environment);
  }

  /**
   * Settings of a command a person runs from a shell (the person tool, the routing loader, the
   * smoke test): {@code AWS_REGION}, and the access keys of that shell ({@code AWS_ACCESS_KEY_ID},
   * {@code AWS_SECRET_ACCESS_KEY}, optional {@code AWS_SESSION_TOKEN}) when set, else the
   * container-credentials endpoint. Never used by a function.
   */
  public static AwsClientSettings forOperator(Environment environment) {
    return new AwsClientSettings(
        regionOf(environment), operatorCredentials(environment), environment);
  }

  private static Region regionOf(Environment environment) {
    return Region.of(environment.get("AWS_REGION").orElse("ca-central-1"));
  }

  public Region region() {
    return region;
  }

  /**
   * The credentials provider every client gets: the SDK's container-credentials provider (lazy,
   * refreshed before expiry), or for an operator's command the access keys of its shell.
   */
  public AwsCredentialsProvider credentialsProvider() {
    return credentials;
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
        ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(8))
            .defaultProfileFileSupplier(() -> NO_PROFILES)
            // SnapStart priming: inert except inside DryRun.run on the calling thread
            .addExecutionInterceptor(DryRun.interceptor());
    if (retries) {
      override.retryStrategy(RetryMode.STANDARD);
    } else {
      override.retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry());
    }
    builder
        .region(region)
        .credentialsProvider(DryRun.credentials(credentials))
        .overrideConfiguration(override.build());
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

  /** A person's shell: its access keys as given, else the container endpoint. */
  private static AwsCredentialsProvider operatorCredentials(Environment environment) {
    Optional<String> keyId = environment.get("AWS_ACCESS_KEY_ID");
    Optional<String> secret = environment.get("AWS_SECRET_ACCESS_KEY");
    if (keyId.isEmpty() || secret.isEmpty()) {
      // the SDK's provider reads AWS_CONTAINER_CREDENTIALS_FULL_URI and
      // AWS_CONTAINER_AUTHORIZATION_TOKEN at each fetch (not now), and fails at the first call
      // naming them when they are missing
      return ContainerCredentialsProvider.builder().build();
    }
    Optional<String> token = environment.get("AWS_SESSION_TOKEN");
    AwsCredentials credentials =
        token.isPresent()
            ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
            : AwsBasicCredentials.create(keyId.get(), secret.get());
    return StaticCredentialsProvider.create(credentials);
  }
}
