package ca.relais.core.dispatch;

import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.SubmissionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns new submissions of the table's stream into alerts on the queue: only inserts of submissions
 * (the template's filter does the same before the function is even invoked). The stream carries
 * keys only ({@code KEYS_ONLY}): the type and MRC of a change that lacks them are read from the
 * table through {@link SubmissionRoutes}.
 */
public final class DispatchService {

  private static final StructuredLogger LOG = StructuredLogger.forComponent(DispatchService.class);
  private static final String SUBMISSION = "SUBMISSION";

  private final AlertQueue queue;
  private final SubmissionRoutes routes;

  public DispatchService(AlertQueue queue, SubmissionRoutes routes) {
    this.queue = queue;
    this.routes = routes;
  }

  /**
   * Dispatches a batch in stream order.
   *
   * @return the sequence number of the first change that failed, from which the stream must be read
   *     again; empty when all are done
   */
  public Optional<String> dispatch(List<StreamChange> changes) {
    List<AlertRequest> alerts = new ArrayList<>();
    List<String> sequences = new ArrayList<>();
    for (StreamChange change : changes) {
      if (!change.insert() || !change.recordType().filter(SUBMISSION::equals).isPresent()) {
        continue;
      }
      if (change.submissionId().isPresent()
          && (change.submissionType().isEmpty() || change.mrcCode().isEmpty())) {
        Optional<AlertRequest> alert = routes.alertFor(change.submissionId().get());
        if (alert.isEmpty()) {
          // erased, withdrawn or past its retention before its alert left: nothing to send
          LOG.info("dispatch.gone", "sequence", change.sequenceNumber());
          continue;
        }
        if (!alert.get().mrcCode().matches("\\d{3}")) {
          LOG.error("dispatch.malformed_record", "sequence", change.sequenceNumber());
          continue;
        }
        alerts.add(alert.get());
        sequences.add(change.sequenceNumber());
        continue;
      }
      Optional<SubmissionType> type = change.submissionType().flatMap(DispatchService::type);
      if (change.submissionId().isEmpty()
          || change.mrcCode().isEmpty()
          || type.isEmpty()
          || !change.mrcCode().get().matches("\\d{3}")) {
        // A malformed record can never succeed: retrying would block the shard for a day.
        LOG.error("dispatch.malformed_record", "sequence", change.sequenceNumber());
        continue;
      }
      alerts.add(new AlertRequest(change.submissionId().get(), type.get(), change.mrcCode().get()));
      sequences.add(change.sequenceNumber());
    }
    if (alerts.isEmpty()) {
      return Optional.empty();
    }
    Set<String> failed = queue.enqueue(alerts);
    for (int i = 0; i < alerts.size(); i++) {
      if (failed.contains(alerts.get(i).submissionId())) {
        LOG.warn(
            "dispatch.enqueue_failed", "id", alerts.get(i).submissionId(), "failed", failed.size());
        return Optional.of(sequences.get(i));
      }
    }
    LOG.info("dispatch.enqueued", "count", alerts.size());
    return Optional.empty();
  }

  private static Optional<SubmissionType> type(String name) {
    try {
      return Optional.of(SubmissionType.valueOf(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
