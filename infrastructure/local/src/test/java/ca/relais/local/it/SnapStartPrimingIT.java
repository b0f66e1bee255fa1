package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.snapstart.SnapStartPriming;
import ca.relais.local.LocalStack;
import ca.relais.local.emulator.SesInbox;
import ca.relais.local.lambda.LocalFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart through the local stack, which calls the {@code org.crac} hooks once after each
 * function's init as Lambda does at publish then restore: every function of the template primes its
 * real path before the snapshot and refreshes after the restore; priming stores and sends nothing;
 * a priming that breaks fails the function's init (Lambda would fail the version), naming it.
 */
class SnapStartPrimingIT {

  private static final List<String> FUNCTIONS =
      List.of("intake", "dispatch", "notify", "digest", "delivery");

  private static LocalStack stack;

  @BeforeAll
  static void start() {
    stack = SharedLocalStack.get();
  }

  @Test
  void everyFunctionIsPrimedBeforeItsSnapshotThenRefreshedAfterTheRestore() {
    List<String> history = SnapStartPriming.history();
    for (String function : FUNCTIONS) {
      int primed = history.indexOf(function + " primed");
      int restored = history.indexOf(function + " restored");
      assertTrue(primed >= 0, function + " was not primed: " + history);
      assertTrue(restored > primed, function + " not restored after priming: " + history);
    }
    long primedFunctions =
        history.stream()
            .filter(h -> h.endsWith(" primed"))
            .filter(h -> !h.startsWith("broken ") && !h.startsWith("stopped "))
            .distinct()
            .count();
    assertTrue(
        primedFunctions >= stack.template().functions().size(),
        "every function of the template registers its priming: " + history);
  }

  @Test
  void primingStoresNothingAndSendsNothing() {
    String table = stack.resources().tableName("RelaisTable");
    int stored =
        stack
            .dynamoDb()
            .scan(
                r ->
                    r.tableName(table)
                        .filterExpression("contains(description, :priming)")
                        .expressionAttributeValues(
                            Map.of(":priming", AttributeValue.fromS("Amorçage SnapStart"))))
            .count();
    assertEquals(0, stored, "the priming observation is signed, never written");
    int signups =
        stack
            .dynamoDb()
            .scan(
                r ->
                    r.tableName(table)
                        .filterExpression("email = :priming")
                        .expressionAttributeValues(
                            Map.of(":priming", AttributeValue.fromS("amorcage@example.org"))))
            .count();
    assertEquals(0, signups, "the priming sign-up is signed, never written");
    for (SesInbox.CapturedEmail email : stack.inbox().emails()) {
      String all = email.subject() + email.text() + email.to();
      assertTrue(
          !all.contains("PR1M1NG0") && !all.contains("priming@"), "priming sent an email: " + all);
    }
  }

  @Test
  void aPrimingThatBreaksFailsTheFunctionsInitByName() {
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () ->
                LocalFunction.load(
                    "BrokenFunction", PrimingHandler.Broken.class.getName(), "handleRequest", 3));
    assertTrue(failure.getMessage().contains("BrokenFunction"), failure.getMessage());
    assertEquals(
        "the sample request no longer validates", failure.getCause().getMessage(), "the cause");
    assertTrue(!SnapStartPriming.history().contains("broken primed"));

    try (LocalFunction stopped =
        LocalFunction.load(
            "StoppedFunction",
            PrimingHandler.StoppedAtTheCall.class.getName(),
            "handleRequest",
            3)) {
      assertEquals("{\"ok\":true}", stopped.invoke("{}"));
    } catch (LocalFunction.FunctionError e) {
      throw new AssertionError(e);
    }
    assertTrue(SnapStartPriming.history().contains("stopped primed"));
  }
}
