package ca.relais.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.lambda.EnvironmentHandler;
import ca.relais.local.lambda.LocalFunction;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One reading of a batch response for the queue and the stream pollers, by Lambda's rules. */
class BatchFailuresTest {

  private static final LocalFunction FUNCTION =
      LocalFunction.load("Batch", EnvironmentHandler.class.getName(), "handleRequest", 3);
  private static final List<String> IDS = List.of("a", "b", "c");

  @AfterAll
  static void close() {
    FUNCTION.close();
  }

  private static BatchFailures of(boolean report, String response) {
    return BatchFailures.of(FUNCTION, IDS, report, () -> response);
  }

  @Test
  void listedItemsFailInBatchOrder() {
    BatchFailures failures =
        of(true, "{\"batchItemFailures\":[{\"itemIdentifier\":\"c\"},{\"itemIdentifier\":\"b\"}]}");
    assertEquals(List.of(1, 2), failures.positions());
    assertEquals(1, failures.first());
    assertTrue(failures.error().isEmpty());
  }

  @Test
  void anEmptyListOrNoReportingMeansSuccess() {
    assertTrue(of(true, "{\"batchItemFailures\":[]}").none());
    assertTrue(of(false, "{\"batchItemFailures\":[{\"itemIdentifier\":\"a\"}]}").none());
  }

  @Test
  void anUnknownItemOrAnUnreadableResponseFailsTheWholeBatch() {
    assertEquals(
        List.of(0, 1, 2),
        of(true, "{\"batchItemFailures\":[{\"itemIdentifier\":\"zzz\"}]}").positions());
    assertEquals(
        List.of(0, 1, 2),
        of(true, "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}").positions());
    assertEquals(List.of(0, 1, 2), of(true, "not json {").positions());
  }

  @Test
  void aFunctionErrorOrTimeoutFailsTheWholeBatchWithItsCause() {
    BatchFailures failures =
        BatchFailures.of(
            FUNCTION,
            IDS,
            true,
            () -> {
              throw new LocalFunction.FunctionError(
                  "Batch", new TimeoutException("Task timed out"));
            });
    assertEquals(List.of(0, 1, 2), failures.positions());
    assertTrue(failures.error().orElseThrow() instanceof TimeoutException);
  }
}
