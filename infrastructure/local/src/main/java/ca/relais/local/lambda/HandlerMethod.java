package ca.relais.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The method Lambda's Java runtime calls on a handler, found the way the runtime finds it, and
 * called the way it calls it: raw event bytes in and response bytes out.
 *
 * <ul>
 *   <li>A stream handler (the class implements {@code RequestStreamHandler}, or the named method
 *       takes {@code (InputStream, OutputStream, Context)}): the event's bytes exactly as received
 *       on the input stream, the bytes the handler writes are the response (none: an empty
 *       response).
 *   <li>A POJO handler ({@code (Event, Context)}): the event read with the runtime's serializers
 *       ({@code LambdaEventSerializers} for Lambda's event classes, Jackson for the others), the
 *       result written back with them ({@code null} → {@code "null"}).
 * </ul>
 */
public final class HandlerMethod {

  private final Method method;
  private final boolean stream;
  private final PojoSerializer<Object> input;
  private final PojoSerializer<Object> output;

  private HandlerMethod(
      Method method, boolean stream, PojoSerializer<Object> input, PojoSerializer<Object> output) {
    this.method = method;
    this.stream = stream;
    this.input = input;
    this.output = output;
  }

  /**
   * Finds the method of a handler class; builds the serializers of a POJO handler (the runtime
   * builds them at init, before a SnapStart snapshot).
   *
   * @param type the handler class
   * @param methodName the method the template's {@code Handler} names ({@code handleRequest} when
   *     it names none)
   * @param loader the function's class loader (for Lambda's event classes)
   * @throws IllegalArgumentException when the class has no such method
   */
  public static HandlerMethod find(Class<?> type, String methodName, ClassLoader loader) {
    if (RequestStreamHandler.class.isAssignableFrom(type) && methodName.equals("handleRequest")) {
      return streamMethod(type, methodName);
    }
    Method method =
        Arrays.stream(type.getMethods())
            .filter(m -> m.getName().equals(methodName) && !m.isBridge())
            .filter(m -> isStream(m) || isPojo(m))
            // the runtime prefers the longest signature: a stream method over a POJO one
            .max(Comparator.comparingInt(Method::getParameterCount))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        type.getName()
                            + " has no method "
                            + methodName
                            + "(input, Context) or "
                            + methodName
                            + "(InputStream, OutputStream, Context)"));
    if (isStream(method)) {
      return new HandlerMethod(method, true, null, null);
    }
    return new HandlerMethod(
        method,
        false,
        serializerFor(method.getParameterTypes()[0], loader),
        serializerFor(method.getReturnType(), loader));
  }

  private static HandlerMethod streamMethod(Class<?> type, String methodName) {
    try {
      return new HandlerMethod(
          type.getMethod(methodName, InputStream.class, OutputStream.class, Context.class),
          true,
          null,
          null);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getName() + " has no stream method", e);
    }
  }

  private static boolean isStream(Method m) {
    Class<?>[] p = m.getParameterTypes();
    return p.length == 3
        && p[0] == InputStream.class
        && p[1] == OutputStream.class
        && p[2] == Context.class;
  }

  private static boolean isPojo(Method m) {
    return m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class;
  }

  /** True for a stream handler (the runtime's serializers are not used). */
  public boolean isStream() {
    return stream;
  }

  /**
   * Reads the event (a POJO handler's input object; the bytes themselves for a stream handler),
   * before the call: what the runtime does before it hands the event over.
   */
  public Object event(byte[] eventJson) {
    return stream ? eventJson : input.fromJson(new ByteArrayInputStream(eventJson));
  }

  /**
   * Calls the handler with an event from {@link #event}.
   *
   * @return the response bytes (a POJO handler's result in JSON)
   * @throws InvocationTargetException what the handler threw
   * @throws IllegalAccessException when the method is not public
   */
  public byte[] call(Object handler, Object event, Context context)
      throws InvocationTargetException, IllegalAccessException {
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    if (stream) {
      method.invoke(handler, new ByteArrayInputStream((byte[]) event), response, context);
      return response.toByteArray();
    }
    Object result = method.invoke(handler, event, context);
    if (result == null) {
      return "null".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    output.toJson(result, response);
    return response.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializerFor(Class<?> type, ClassLoader loader) {
    if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
    }
    return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
  }
}
