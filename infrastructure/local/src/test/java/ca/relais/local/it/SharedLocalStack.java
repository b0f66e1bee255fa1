package ca.relais.local.it;

import ca.relais.local.LocalStack;
import ca.relais.local.LocalStackSettings;
import ca.relais.local.RepositoryRoot;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One local stack per test JVM, started on first use on free ports and stopped when the JVM exits.
 *
 * <p>By default the integration tests run on the embedded emulators (DynamoDB Local, ElasticMQ,
 * aws-ses-v2-local). With {@code -Plocalstack} (system property {@code relais.backend=localstack})
 * DynamoDB and SQS come from LocalStack in a container through Testcontainers, which needs a Docker
 * engine; SES stays on aws-ses-v2-local, whose inbox the tests read.
 */
public final class SharedLocalStack {

  /** The alert queue's visibility timeout in the test stack. */
  static final int ALERT_VISIBILITY_SECONDS = 4;

  static final String LOCALSTACK_IMAGE = "localstack/localstack:4.4";
  private static final Logger LOG = LoggerFactory.getLogger(SharedLocalStack.class);
  private static LocalStack stack;

  private SharedLocalStack() {}

  /** The test routing directory: MRC 100 (fr + en agents), 090, region 12, program inbox. */
  static Path routingFile() {
    try {
      return Path.of(SharedLocalStack.class.getResource("/routing/test-routing.csv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * FORM_SECRETS of {@code events/env-form-secrets.json} (the `sam local invoke --env-vars` file).
   */
  static String testFormSecrets() {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(RepositoryRoot.path().resolve("events/env-form-secrets.json").toFile())
          .path("IntakeFunction")
          .path("FORM_SECRETS")
          .asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The person key of the running stack (its random {@code PersonKeySecret}). */
  public static ca.relais.core.privacy.PersonKey personKey() {
    return ca.relais.core.privacy.PersonKey.fromSecret(personKeySecret());
  }

  /** The stack's {@code PersonKeySecret}, drawn at random when it started. */
  public static String personKeySecret() {
    return get().template().parameters().get("PersonKeySecret").defaultValue().orElseThrow();
  }

  public static synchronized LocalStack get() {
    if (stack == null) {
      LocalStackSettings settings =
          LocalStackSettings.forTests(RepositoryRoot.template())
              .withRouting(routingFile())
              // a failed alert comes back after 4 s instead of 60 s, so its redelivery budget (5
              // receives, about 20 s) outlasts an SES outage of NotifyIT even on a slow machine
              // (3 s, plus an emulator restart that took up to 6 s under load); a web form may be
              // posted
              // 1 s after it was shown instead of 3 s; the webhook secrets are those the sample
              // events of events/intake-post-form-*.json are signed with; escalation after 3 s
              .withParameters(
                  Map.of(
                      "AlertVisibilityTimeoutSeconds",
                      String.valueOf(ALERT_VISIBILITY_SECONDS),
                      "FormMinFillSeconds",
                      "1",
                      "FormSecrets",
                      testFormSecrets(),
                      // an untaken distress report escalates after 3 s instead of 60 min
                      "EscalationMinutes",
                      "0.05"));
      String backend;
      if ("localstack".equals(System.getProperty("relais.backend"))) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
          throw new IllegalStateException(
              "-Plocalstack needs a Docker engine, and none answers on this machine");
        }
        LocalStackContainer container =
            new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                .withServices("dynamodb", "sqs");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "localstack-stop"));
        settings = settings.withExternalServices(container.getEndpoint(), container.getEndpoint());
        backend =
            "LocalStack "
                + LOCALSTACK_IMAGE
                + " (Testcontainers) for DynamoDB and SQS, aws-ses-v2-local for SES";
      } else {
        backend = "the embedded emulators: DynamoDB Local, ElasticMQ, aws-ses-v2-local";
      }
      try {
        stack = LocalStack.start(settings);
      } catch (Exception e) {
        throw new IllegalStateException("The local stack did not start", e);
      }
      LocalStack started = stack;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-stack-stop"));
      LOG.info("Integration tests run on {} (gateway {})", backend, started.gatewayEndpoint());
    }
    return stack;
  }
}
