package ca.relais.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.config.Environment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lambda's runtime contract, one function at a time: hooks, environment, timeout, concurrency. */
class LocalFunctionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<LocalFunction> loaded = new ArrayList<>();

  @AfterEach
  void close() {
    loaded.forEach(LocalFunction::close);
    System.clearProperty(Environment.PROPERTY_PREFIX + "SHARED");
  }

  @Test
  void snapStartHooksRunOnceAfterInitLastRegisteredFirstThenInOrder() throws Exception {
    CracHandler.CALLS.clear();
    LocalFunction function = load("CracFunction", CracHandler.class, 3, 10, Map.of());

    assertEquals(
        List.of(
            "init",
            "beforeCheckpoint:second",
            "beforeCheckpoint:first",
            "afterRestore:first",
            "afterRestore:second"),
        CracHandler.CALLS);

    function.invoke("{}");
    function.invoke("{}");
    assertEquals(
        List.of(
            "init",
            "beforeCheckpoint:second",
            "beforeCheckpoint:first",
            "afterRestore:first",
            "afterRestore:second",
            "invoke",
            "invoke"),
        CracHandler.CALLS,
        "no hook runs again, nor for a resource registered during an invocation");
  }

  @Test
  void eachFunctionSeesExactlyItsOwnEnvironmentAtInitAndAtInvocation() throws Exception {
    System.setProperty(Environment.PROPERTY_PREFIX + "SHARED", "published for the whole JVM");
    LocalFunction bonjour =
        load(
            "Bonjour",
            EnvironmentHandler.class,
            3,
            10,
            Map.of("GREETING", "bonjour", "AWS_LAMBDA_FUNCTION_NAME", "Bonjour"));
    LocalFunction hello =
        load(
            "Hello",
            EnvironmentHandler.class,
            3,
            10,
            Map.of("GREETING", "hello", "AWS_LAMBDA_FUNCTION_NAME", "Hello"));

    JsonNode fr = JSON.readTree(bonjour.invoke("{}"));
    JsonNode en = JSON.readTree(hello.invoke("{}"));

    assertEquals("bonjour", fr.at("/init/GREETING").asText());
    assertEquals("bonjour", fr.at("/invoke/GREETING").asText());
    assertEquals("Bonjour", fr.at("/invoke/AWS_LAMBDA_FUNCTION_NAME").asText());
    assertEquals("hello", en.at("/init/GREETING").asText());
    assertEquals("Hello", en.at("/invoke/AWS_LAMBDA_FUNCTION_NAME").asText());
    assertEquals("(unset)", en.at("/invoke/SHARED").asText(), "nothing of the JVM's own settings");
    assertEquals("(unset)", en.at("/invoke/AWS_ACCESS_KEY_ID").asText());
    assertEquals("1", en.path("version").asText());
    assertEquals(512, en.path("memory").asInt());
  }

  @Test
  void anInvocationLongerThanTheTimeoutFailsAsLambdasDoes() throws Exception {
    LocalFunction function = load("Slow", EnvironmentHandler.class, 1, 10, Map.of());

    long start = System.nanoTime();
    LocalFunction.FunctionError error =
        assertThrows(
            LocalFunction.FunctionError.class, () -> function.invoke("{\"sleepMillis\":5000}"));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertInstanceOf(TimeoutException.class, error.getCause());
    assertTrue(error.getMessage().contains("Task timed out after 1 seconds"), error.getMessage());
    assertTrue(elapsedMillis < 3000, "failed after " + elapsedMillis + " ms, not at the timeout");
    // The function still serves the next invocation
    assertTrue(function.invoke("{}").contains("init"));
  }

  @Test
  void invocationsRunConcurrentlyUpToTheCap() throws Exception {
    LocalFunction function = load("Busy", EnvironmentHandler.class, 10, 4, Map.of());
    ExecutorService callers = Executors.newFixedThreadPool(12);
    try {
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        calls.add(callers.submit(() -> function.invoke("{\"sleepMillis\":300}")));
      }
      for (Future<String> call : calls) {
        assertTrue(call.get().contains("init"));
      }
    } finally {
      callers.shutdownNow();
    }
    assertEquals(4, function.peakConcurrency(), "four at once, never more");
  }

  @Test
  void aStreamHandlerGetsTheEventsRawBytesAndItsContextAndItsBytesAreTheResponse()
      throws Exception {
    LocalFunction function = load("StreamFunction", StreamHandler.class, 3, 10, Map.of());
    // spacing, key order, escapes and accents as sent: no serializer in between
    String event = "{ \"b\" : 1,\n  \"a\": \"\\u00e9t\u00e9 \u00e0 Qu\u00e9bec\" }";

    assertEquals("[StreamFunction|1]" + event, function.invoke(event));
  }

  @Test
  void aStreamHandlerThatThrowsIsAFunctionError() {
    LocalFunction function = load("StreamFunction", StreamHandler.class, 3, 10, Map.of());

    LocalFunction.FunctionError error =
        assertThrows(LocalFunction.FunctionError.class, () -> function.invoke("boom"));
    assertInstanceOf(java.io.IOException.class, error.getCause());
  }

  private LocalFunction load(
      String name, Class<?> handler, int timeout, int concurrency, Map<String, String> env) {
    LocalFunction function =
        LocalFunction.load(
            new LocalFunction.Spec(
                name, handler.getName(), "handleRequest", timeout, 512, "1", concurrency, env));
    loaded.add(function);
    return function;
  }
}
