package ca.relais.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One function's "container": the real handler class, built once with its public no-argument
 * constructor (as Lambda does at init), invoked with JSON in and JSON out through the same
 * serializers as the Lambda Java runtime. One invocation at a time, as in one Lambda container.
 */
public final class LocalFunction {

  private final String name;
  private final int timeoutSeconds;
  private final Object handler;
  private final Method method;
  private final PojoSerializer<Object> input;
  private final PojoSerializer<Object> output;

  private LocalFunction(
      String name,
      int timeoutSeconds,
      Object handler,
      Method method,
      PojoSerializer<Object> input,
      PojoSerializer<Object> output) {
    this.name = name;
    this.timeoutSeconds = timeoutSeconds;
    this.handler = handler;
    this.method = method;
    this.input = input;
    this.output = output;
  }

  /**
   * Loads and initialises a handler.
   *
   * @param name the function's logical id, for logs and the context
   * @param handlerClass the class named by the template's {@code Handler}
   * @param methodName the method named by the template's {@code Handler} (after {@code ::})
   */
  public static LocalFunction load(
      String name, String handlerClass, String methodName, int timeoutSeconds) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      Class<?> type = Class.forName(handlerClass, true, loader);
      Method method =
          Arrays.stream(type.getMethods())
              .filter(m -> m.getName().equals(methodName))
              .filter(m -> m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class)
              .filter(m -> !m.isBridge())
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          handlerClass + " has no method " + methodName + "(input, Context)"));
      Object handler = type.getConstructor().newInstance();
      return new LocalFunction(
          name,
          timeoutSeconds,
          handler,
          method,
          serializerFor(method.getParameterTypes()[0], loader),
          serializerFor(method.getReturnType(), loader));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Cannot initialise function " + name + " (" + handlerClass + ")", e);
    }
  }

  public String name() {
    return name;
  }

  /**
   * Invokes the handler with an event in Lambda's JSON form; returns the response in JSON.
   *
   * @throws FunctionError when the handler throws (Lambda's "function error")
   */
  public synchronized String invoke(String eventJson) throws FunctionError {
    Object event = input.fromJson(eventJson);
    Object result;
    try {
      result = method.invoke(handler, event, new LocalContext(name, timeoutSeconds, 1024));
    } catch (InvocationTargetException e) {
      throw new FunctionError(name, e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Handler method of " + name + " is not public", e);
    }
    if (result == null) {
      return "null";
    }
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    output.toJson(result, json);
    return json.toString(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializerFor(Class<?> type, ClassLoader loader) {
    if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
    }
    return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
  }

  /** A handler threw: Lambda reports a function error and the event source retries. */
  public static final class FunctionError extends Exception {
    public FunctionError(String function, Throwable cause) {
      super("Function " + function + " failed: " + cause.getClass().getName(), cause);
    }
  }
}
