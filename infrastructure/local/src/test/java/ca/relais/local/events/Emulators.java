package ca.relais.local.events;

import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** SDK clients for the emulators (fake keys, ca-central-1, url-connection), and waiting. */
final class Emulators {

  static final String REGION = "ca-central-1";

  private Emulators() {}

  static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      B builder, URI endpoint) {
    return builder
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("fakeKey", "fakeSecret")))
        .build();
  }

  /** Waits (polling every 50 ms) until the condition holds; fails with what was awaited. */
  static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what.get());
      }
      Thread.sleep(50);
    }
  }
}
