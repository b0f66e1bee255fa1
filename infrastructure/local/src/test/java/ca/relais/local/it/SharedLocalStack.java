package ca.relais.local.it;

import ca.relais.local.LocalStack;
import ca.relais.local.LocalStackSettings;
import ca.relais.local.RepositoryRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local stack per test JVM, started on first use on free ports and stopped when the JVM exits.
 * Integration tests run on the embedded emulators (DynamoDB Local, ElasticMQ, aws-ses-v2-local).
 */
public final class SharedLocalStack {

  private static final Logger LOG = LoggerFactory.getLogger(SharedLocalStack.class);
  private static LocalStack stack;

  private SharedLocalStack() {}

  public static synchronized LocalStack get() {
    if (stack == null) {
      try {
        stack = LocalStack.start(LocalStackSettings.forTests(RepositoryRoot.template()));
      } catch (Exception e) {
        throw new IllegalStateException("The local stack did not start", e);
      }
      LocalStack started = stack;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-stack-stop"));
      LOG.info(
          "Integration tests run on the embedded emulators: DynamoDB Local {}, ElasticMQ {}, aws-ses-v2-local {}, gateway {}",
          started.dynamoDbEndpoint(), started.sqsEndpoint(), started.sesEndpoint(), started.gatewayEndpoint());
    }
    return stack;
  }
}
