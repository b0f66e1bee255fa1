package ca.relais.local.it;

import ca.relais.local.lambda.HandlerMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM whose classpath is one function's shaded jar and the Lambda runtime's
 * serializer (and the local stack's {@link HandlerMethod}, which calls a handler as the runtime
 * does): builds the handler as Lambda does, invokes it once with a sample event, prints the
 * response and the time to init and to first response.
 */
public final class JarSmoke {

  private JarSmoke() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    Class<?> type = Class.forName(args[0]);
    Object handler = type.getConstructor().newInstance();
    long initialised = System.nanoTime();
    // as the Lambda runtime calls it: raw bytes for a RequestStreamHandler, its serializers
    // (which load joda-time from the function's jar for a Lambda event class) otherwise
    HandlerMethod method =
        HandlerMethod.find(type, "handleRequest", JarSmoke.class.getClassLoader());
    byte[] response =
        method.call(handler, method.event(Files.readAllBytes(Path.of(args[1]))), null);
    long done = System.nanoTime();
    System.out.println("RESPONSE " + new String(response, StandardCharsets.UTF_8));
    System.out.printf(
        "TIMING init_ms=%d first_response_ms=%d%n",
        (initialised - start) / 1_000_000, (done - start) / 1_000_000);
  }
}
