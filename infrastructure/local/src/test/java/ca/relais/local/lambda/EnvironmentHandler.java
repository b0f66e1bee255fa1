package ca.relais.local.lambda;

import ca.relais.core.config.Environment;
import com.amazonaws.services.lambda.runtime.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers the variables it sees, at init and at invocation, and sleeps as asked: for the tests of
 * the environment, the timeout and the concurrency.
 */
public class EnvironmentHandler {

  private static final List<String> NAMES =
      List.of("GREETING", "AWS_LAMBDA_FUNCTION_NAME", "AWS_ACCESS_KEY_ID", "SHARED");

  private final Map<String, String> atInit = read();

  public Map<String, Object> handleRequest(Map<String, Object> event, Context context)
      throws InterruptedException {
    Object sleep = event.get("sleepMillis");
    if (sleep instanceof Number millis) {
      Thread.sleep(millis.longValue());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("init", atInit);
    answer.put("invoke", read());
    answer.put("version", context.getFunctionVersion());
    answer.put("memory", context.getMemoryLimitInMB());
    return answer;
  }

  private static Map<String, String> read() {
    Map<String, String> seen = new LinkedHashMap<>();
    for (String name : NAMES) {
      seen.put(name, Environment.system().get(name).orElse("(unset)"));
    }
    return seen;
  }
}
