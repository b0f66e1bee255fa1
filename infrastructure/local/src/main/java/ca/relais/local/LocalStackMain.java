package ca.relais.local;

import ca.relais.local.emulator.PortInUseException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar infrastructure/local/target/relais-local.jar}: starts the local stack, prints
 * {@code Relais local stack ready} when everything is up, and stops cleanly on Ctrl-C or SIGTERM.
 */
public final class LocalStackMain {

  private LocalStackMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(LocalStackSettings.USAGE);
      return;
    }
    LocalStackSettings settings;
    try {
      settings = LocalStackSettings.from(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    LocalStack stack;
    try {
      stack = LocalStack.start(settings);
    } catch (PortInUseException busy) {
      // a busy port is the user's to fix: say which and how, without a stack trace
      System.err.println(busy.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  System.out.println("Relais local stack stopped");
                  stopped.countDown();
                },
                "relais-local-shutdown"));
    System.out.println("  API (gateway)     " + stack.gatewayEndpoint());
    System.out.println("  DynamoDB Local    " + stack.dynamoDbEndpoint());
    System.out.println("  SQS (ElasticMQ)   " + stack.sqsEndpoint());
    System.out.println("  SES inbox         " + stack.sesEndpoint() + "/");
    System.out.println("Relais local stack ready");
    stopped.await();
  }
}
