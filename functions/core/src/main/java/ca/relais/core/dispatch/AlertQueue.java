package ca.relais.core.dispatch;

import java.util.List;
import java.util.Set;

/** Port: the FIFO queue of alerts, grouped by MRC. */
public interface AlertQueue {

  /**
   * Enqueues alerts, deduplicated by submission id.
   *
   * @return the submission ids that could not be enqueued
   */
  Set<String> enqueue(List<AlertRequest> alerts);
}
