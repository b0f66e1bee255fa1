package ca.relais.local.it;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM whose classpath is one function's shaded jar and the Lambda runtime's
 * serializer: builds the handler as Lambda does, invokes it once with a sample event, prints the
 * response and the time to init and to first response.
 */
public final class JarSmoke {

  private JarSmoke() {}

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    Class<?> type = Class.forName(args[0]);
    Object handler = type.getConstructor().newInstance();
    long initialised = System.nanoTime();
    Method method = null;
    for (Method m : type.getMethods()) {
      if (m.getName().equals("handleRequest")
          && m.getParameterCount() == 2
          && m.getParameterTypes()[1] == Context.class
          && !m.isBridge()) {
        method = m;
      }
    }
    PojoSerializer<Object> in = serializer(method.getParameterTypes()[0]);
    PojoSerializer<Object> out = serializer(method.getReturnType());
    Object result = method.invoke(handler, in.fromJson(Files.readString(Path.of(args[1]))), null);
    long done = System.nanoTime();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    out.toJson(result, json);
    System.out.println("RESPONSE " + json.toString(StandardCharsets.UTF_8));
    System.out.printf(
        "TIMING init_ms=%d first_response_ms=%d%n",
        (initialised - start) / 1_000_000, (done - start) / 1_000_000);
  }

  /**
   * The runtime's choice: its event serializers for a Lambda event class (they load joda-time from
   * the function's jar), plain Jackson for any other type (the digest's Map).
   */
  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializer(Class<?> type) {
    if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      return (PojoSerializer<Object>)
          LambdaEventSerializers.serializerFor(type, JarSmoke.class.getClassLoader());
    }
    return (PojoSerializer<Object>)
        com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory.getInstance()
            .getSerializer(type);
  }
}
