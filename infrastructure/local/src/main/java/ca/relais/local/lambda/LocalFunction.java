package ca.relais.local.lambda;

import ca.relais.core.config.EnvironmentScope;
import ca.relais.local.crac.Core;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One function as Lambda runs it: the real handler class, built once with its public no-argument
 * constructor (Lambda's init) inside the function's own environment, then the SnapStart hooks it
 * registered ({@code org.crac}, see {@link Core}); invoked with JSON in and JSON out as the Lambda
 * Java runtime does it (see {@link HandlerMethod}): a {@code RequestStreamHandler} gets the event's
 * raw bytes and writes the response's, a POJO handler goes through the runtime's serializers.
 *
 * <p>Like Lambda: each invocation runs with exactly the function's environment variables (an {@link
 * EnvironmentScope}); up to {@code concurrency} invocations run at once, as separate Lambda
 * environments would (a further one waits for a free slot: throttling is not emulated); an
 * invocation that outlasts the function's {@code Timeout} fails with "Task timed out", and its
 * event source treats it as a failure. Unlike Lambda, a timed-out handler's thread is only
 * interrupted (a JVM cannot kill it), and the functions share one JVM: static state is shared.
 */
public final class LocalFunction implements AutoCloseable {

  /**
   * What Lambda knows of a function.
   *
   * @param name the function's logical id, for logs and the context
   * @param handlerClass the class named by the template's {@code Handler}
   * @param methodName the method named by the template's {@code Handler} (after {@code ::})
   * @param timeoutSeconds the template's {@code Timeout}
   * @param memoryMb the template's {@code MemorySize}, in MB
   * @param version the function version an invocation reports ({@code $LATEST}, or {@code 1} for a
   *     published version)
   * @param concurrency invocations at once, at least 1
   * @param environment every variable the function sees, reserved ones included
   */
  public record Spec(
      String name,
      String handlerClass,
      String methodName,
      int timeoutSeconds,
      int memoryMb,
      String version,
      int concurrency,
      Map<String, String> environment) {
    public Spec {
      if (concurrency < 1 || timeoutSeconds < 1) {
        throw new IllegalArgumentException("concurrency and timeout must be at least 1");
      }
      environment = Map.copyOf(environment);
    }
  }

  static {
    Core.install();
  }

  private final Spec spec;
  private final Object handler;
  private final HandlerMethod method;
  private final ExecutorService environments;
  private final Semaphore slots;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  private LocalFunction(Spec spec, Object handler, HandlerMethod method) {
    this.spec = spec;
    this.handler = handler;
    this.method = method;
    AtomicInteger threads = new AtomicInteger();
    this.environments =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, spec.name() + "-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.slots = new Semaphore(spec.concurrency(), true);
  }

  /**
   * Loads and initialises a handler with no environment variables, ten at once, 1024 MB.
   *
   * @see #load(Spec)
   */
  public static LocalFunction load(
      String name, String handlerClass, String methodName, int timeoutSeconds) {
    return load(
        new Spec(name, handlerClass, methodName, timeoutSeconds, 1024, "$LATEST", 10, Map.of()));
  }

  /**
   * Loads and initialises a handler in its environment, then calls its SnapStart hooks once.
   *
   * @throws IllegalStateException when the class, method or constructor is missing, or the init or
   *     a hook fails
   */
  public static LocalFunction load(Spec spec) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      Class<?> type = Class.forName(spec.handlerClass(), true, loader);
      HandlerMethod method = HandlerMethod.find(type, spec.methodName(), loader);
      Object handler =
          EnvironmentScope.call(
              spec.environment(), () -> Core.snapshotAndRestore(() -> construct(type)));
      return new LocalFunction(spec, handler, method);
    } catch (Exception e) {
      Throwable cause = e instanceof InitError ? e.getCause() : e;
      throw new IllegalStateException(
          "Cannot initialise function " + spec.name() + " (" + spec.handlerClass() + ")", cause);
    }
  }

  private static Object construct(Class<?> type) {
    try {
      return type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new InitError(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new InitError(e);
    }
  }

  public String name() {
    return spec.name();
  }

  /** Every environment variable the function sees. */
  public Map<String, String> environment() {
    return spec.environment();
  }

  /** The most invocations that ran at once so far. */
  public int peakConcurrency() {
    return peak.get();
  }

  /**
   * Invokes the handler with an event in Lambda's JSON form; returns the response in JSON. Waits
   * for a free slot when {@code concurrency} invocations already run.
   *
   * @throws FunctionError when the handler throws or outlasts the timeout (Lambda's "function
   *     error"; the cause says which)
   */
  public String invoke(String eventJson) throws FunctionError {
    Object event = method.event(eventJson.getBytes(StandardCharsets.UTF_8));
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FunctionError(spec.name(), e);
    }
    try {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      Future<String> running =
          environments.submit(() -> EnvironmentScope.call(spec.environment(), () -> run(event)));
      try {
        return running.get(spec.timeoutSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        running.cancel(true);
        throw new FunctionError(
            spec.name(),
            new TimeoutException("Task timed out after " + spec.timeoutSeconds() + " seconds"));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof FunctionError error) {
          throw error;
        }
        throw new FunctionError(spec.name(), e.getCause());
      } catch (InterruptedException e) {
        running.cancel(true);
        Thread.currentThread().interrupt();
        throw new FunctionError(spec.name(), e);
      }
    } finally {
      inFlight.decrementAndGet();
      slots.release();
    }
  }

  private String run(Object event) throws FunctionError {
    byte[] response;
    try {
      response =
          method.call(
              handler,
              event,
              new LocalContext(
                  spec.name(), spec.timeoutSeconds(), spec.memoryMb(), spec.version()));
    } catch (InvocationTargetException e) {
      throw new FunctionError(spec.name(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Handler method of " + spec.name() + " is not public", e);
    }
    return new String(response, StandardCharsets.UTF_8);
  }

  /** Stops the function's threads (a running invocation is interrupted). */
  @Override
  public void close() {
    environments.shutdownNow();
  }

  /** The constructor threw: carried out of the init supplier. */
  private static final class InitError extends RuntimeException {
    InitError(Throwable cause) {
      super(cause);
    }
  }

  /** A handler threw or timed out: Lambda reports a function error and the event source retries. */
  public static final class FunctionError extends Exception {
    public FunctionError(String function, Throwable cause) {
      super("Function " + function + " failed: " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
      return cause instanceof TimeoutException ? cause.getMessage() : cause.getClass().getName();
    }
  }
}
