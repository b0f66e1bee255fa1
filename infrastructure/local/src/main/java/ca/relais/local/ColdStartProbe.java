package ca.relais.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One cold start, in a fresh JVM that {@link ColdStartBenchmark} starts with a function jar (or
 * nothing, for the floor) on its class path: builds the handler and the runtime's serializers as
 * Lambda's init does (with the SnapStart hooks when asked, through the local stack's {@code
 * org.crac} stand-in), then handles a first event and a second one with the Lambda runtime's
 * serializers. Prints one line: {@code PROBE init_ms=… first_ms=… warm_ms=…}, init counted from the
 * moment the parent started the process ({@code System.nanoTime} is system-wide on Linux).
 *
 * <p>Arguments: parent's nanoTime at exec, handler class ({@code noop} for the floor), {@code
 * primed} or {@code plain}, first event file, second event file.
 */
public final class ColdStartProbe {

  private ColdStartProbe() {}

  /** The floor: a handler that does nothing, with the same serializers. */
  public static final class NoOpHandler {
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
      return Map.of();
    }
  }

  /** Marks in the class-load log. */
  static final class FirstCallStarts {}

  /** Marks in the class-load log. */
  static final class FirstCallEnds {}

  public static void main(String[] args) throws Exception {
    long exec = Long.parseLong(args[0]);
    boolean primed = args[2].equals("primed");
    if (primed) {
      ca.relais.local.crac.Core.install();
    }
    Class<?> type = args[1].equals("noop") ? NoOpHandler.class : Class.forName(args[1]);
    Supplier<Object> init =
        () -> {
          try {
            return type.getConstructor().newInstance();
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
        };
    Object handler = primed ? ca.relais.local.crac.Core.snapshotAndRestore(init) : init.get();
    Method method = null;
    for (Method m : type.getMethods()) {
      if (m.getName().equals("handleRequest")
          && m.getParameterCount() == 2
          && m.getParameterTypes()[1] == Context.class
          && !m.isBridge()) {
        method = m;
      }
    }
    // The runtime builds its serializers at init, before a SnapStart snapshot
    PojoSerializer<Object> in = serializer(method.getParameterTypes()[0]);
    PojoSerializer<Object> out = serializer(method.getReturnType());
    long initialised = System.nanoTime();
    new FirstCallStarts(); // a mark in the class-load log of --first-call-classes
    String first = call(handler, method, in, out, Files.readAllBytes(Path.of(args[3])));
    long firstDone = System.nanoTime();
    new FirstCallEnds();
    call(handler, method, in, out, Files.readAllBytes(Path.of(args[4])));
    long warmDone = System.nanoTime();
    System.out.printf(
        "PROBE init_ms=%.1f first_ms=%.1f warm_ms=%.1f response=%s%n",
        (initialised - exec) / 1e6,
        (firstDone - initialised) / 1e6,
        (warmDone - firstDone) / 1e6,
        first.length() > 120 ? first.substring(0, 120) : first);
  }

  private static String call(
      Object handler,
      Method method,
      PojoSerializer<Object> in,
      PojoSerializer<Object> out,
      byte[] event)
      throws Exception {
    Object result = method.invoke(handler, in.fromJson(new ByteArrayInputStream(event)), null);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    out.toJson(result, json);
    return json.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializer(Class<?> type) {
    ClassLoader loader = ColdStartProbe.class.getClassLoader();
    if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
    }
    return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
  }
}
