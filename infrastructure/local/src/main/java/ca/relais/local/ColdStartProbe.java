package ca.relais.local;

import ca.relais.local.lambda.HandlerMethod;
import com.amazonaws.services.lambda.runtime.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One cold start, in a fresh JVM that {@link ColdStartBenchmark} starts with a function jar (or
 * nothing, for the floor) on its class path: builds the handler and the runtime's serializers as
 * Lambda's init does (with the SnapStart hooks when asked, through the local stack's {@code
 * org.crac} stand-in), then handles a first event and a second one as the Lambda runtime calls it
 * (raw bytes for a {@code RequestStreamHandler}, its serializers for a POJO handler; {@link
 * HandlerMethod}). Prints one line: {@code PROBE init_ms=… first_ms=… warm_ms=…}, init counted from
 * the moment the parent started the process ({@code System.nanoTime} is system-wide on Linux).
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
    // The runtime builds its serializers (of a POJO handler) at init, before a SnapStart snapshot
    HandlerMethod method =
        HandlerMethod.find(type, "handleRequest", ColdStartProbe.class.getClassLoader());
    long initialised = System.nanoTime();
    new FirstCallStarts(); // a mark in the class-load log of --first-call-classes
    String first = call(handler, method, Files.readAllBytes(Path.of(args[3])));
    long firstDone = System.nanoTime();
    new FirstCallEnds();
    call(handler, method, Files.readAllBytes(Path.of(args[4])));
    long warmDone = System.nanoTime();
    System.out.printf(
        "PROBE init_ms=%.1f first_ms=%.1f warm_ms=%.1f response=%s%n",
        (initialised - exec) / 1e6,
        (firstDone - initialised) / 1e6,
        (warmDone - firstDone) / 1e6,
        first.length() > 120 ? first.substring(0, 120) : first);
  }

  private static String call(Object handler, HandlerMethod method, byte[] event) throws Exception {
    byte[] response = method.call(handler, method.event(event), null);
    return new String(response, StandardCharsets.UTF_8);
  }
}
