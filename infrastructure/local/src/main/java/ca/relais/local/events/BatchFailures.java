package ca.relais.local.events;

import ca.relais.local.lambda.LocalFunction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which items of a batch failed, by Lambda's rules for event source mappings, the same for a queue
 * and a stream: a function error (a throw or a timeout) fails the whole batch; without {@code
 * ReportBatchItemFailures} any response is a success; with it, the {@code batchItemFailures} listed
 * failed, and a response that cannot be read, or names an item that is not in the batch (or none),
 * fails the whole batch.
 *
 * @param positions the failed items' positions in the batch, ascending (empty: all succeeded)
 * @param error the function error, when the whole batch failed because of one
 */
record BatchFailures(List<Integer> positions, Optional<Throwable> error) {

  private static final Logger LOG = LoggerFactory.getLogger(BatchFailures.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Invokes the function with a batch and reads its response.
   *
   * @param function for the logs
   * @param identifiers each item's {@code itemIdentifier} (message id, sequence number), in batch
   *     order
   * @param reportsItemFailures the mapping's {@code FunctionResponseTypes:
   *     [ReportBatchItemFailures]}
   * @param invocation invokes the function and returns its JSON response
   */
  static BatchFailures of(
      LocalFunction function,
      List<String> identifiers,
      boolean reportsItemFailures,
      Callable<String> invocation) {
    String response;
    try {
      response = invocation.call();
    } catch (LocalFunction.FunctionError e) {
      return all(identifiers.size(), e.getCause());
    } catch (Exception e) {
      return all(identifiers.size(), e);
    }
    if (!reportsItemFailures) {
      return new BatchFailures(List.of(), Optional.empty());
    }
    TreeSet<Integer> failed = new TreeSet<>();
    try {
      for (JsonNode failure : JSON.readTree(response).path("batchItemFailures")) {
        int position = identifiers.indexOf(failure.path("itemIdentifier").asText(""));
        if (position < 0) {
          LOG.warn(
              "{} reported an item failure that is not in the batch; the whole batch failed",
              function.name());
          return all(identifiers.size(), null);
        }
        failed.add(position);
      }
    } catch (JsonProcessingException e) {
      LOG.warn("{} returned an unreadable batch response; the whole batch failed", function.name());
      return all(identifiers.size(), null);
    }
    return new BatchFailures(List.copyOf(failed), Optional.empty());
  }

  private static BatchFailures all(int size, Throwable error) {
    return new BatchFailures(
        java.util.stream.IntStream.range(0, size).boxed().toList(), Optional.ofNullable(error));
  }

  /** True when every item succeeded. */
  boolean none() {
    return positions.isEmpty();
  }

  /** The first failed position (a stream retries from there, in order). */
  int first() {
    return positions.get(0);
  }
}
