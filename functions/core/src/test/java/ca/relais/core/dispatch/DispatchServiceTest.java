package ca.relais.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.core.model.SubmissionType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DispatchServiceTest {

  private final List<AlertRequest> queued = new ArrayList<>();
  private final Set<String> failing = new HashSet<>();
  private final DispatchService dispatch =
      new DispatchService(
          alerts -> {
            Set<String> failed = new HashSet<>();
            for (AlertRequest alert : alerts) {
              if (failing.contains(alert.submissionId())) {
                failed.add(alert.submissionId());
              } else {
                queued.add(alert);
              }
            }
            return failed;
          },
          id -> Optional.empty());

  private static StreamChange submission(String sequence, String id, String mrc) {
    return new StreamChange(
        sequence,
        true,
        Optional.of("SUBMISSION"),
        Optional.of(id),
        Optional.of("OBSERVATION"),
        Optional.of(mrc));
  }

  @Test
  void queuesOnlyNewSubmissions_groupedByMrcCode() {
    Optional<String> retry =
        dispatch.dispatch(
            List.of(
                submission("1", "O-1", "100"),
                new StreamChange(
                    "2",
                    true,
                    Optional.of("GUARD"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()),
                new StreamChange(
                    "3",
                    false,
                    Optional.of("SUBMISSION"),
                    Optional.of("O-0"),
                    Optional.of("OBSERVATION"),
                    Optional.of("100")),
                submission("4", "O-2", "170")));
    assertEquals(Optional.empty(), retry);
    assertEquals(
        List.of(
            new AlertRequest("O-1", SubmissionType.OBSERVATION, "100"),
            new AlertRequest("O-2", SubmissionType.OBSERVATION, "170")),
        queued);
  }

  @Test
  void reportsTheFirstChangeThatCouldNotBeQueued() {
    failing.add("O-2");
    failing.add("O-3");
    Optional<String> retry =
        dispatch.dispatch(
            List.of(
                submission("1", "O-1", "100"),
                submission("2", "O-2", "100"),
                submission("3", "O-3", "170")));
    assertEquals(Optional.of("2"), retry);
  }

  @Test
  void malformedRecordIsSkippedNotRetriedForever() {
    Optional<String> retry =
        dispatch.dispatch(
            List.of(
                new StreamChange(
                    "1",
                    true,
                    Optional.of("SUBMISSION"),
                    Optional.of("O-1"),
                    Optional.of("OBSERVATION"),
                    Optional.of("Rimouski")),
                submission("2", "O-2", "100")));
    assertEquals(Optional.empty(), retry);
    assertEquals(1, queued.size());
  }
}
