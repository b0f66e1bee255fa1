package ca.relais.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.core.dispatch.AlertRequest;
import ca.relais.core.dispatch.DispatchService;
import ca.relais.core.dispatch.SubmissionRoutes;
import ca.relais.core.model.SubmissionType;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The handler on {@code events/dispatch-stream-new-submissions.json}, read as Lambda reads it. */
class DispatchHandlerTest {

  private final List<AlertRequest> queued = new ArrayList<>();

  /** The table as dispatch reads it: the stream carries keys only. */
  private static final Map<String, Optional<AlertRequest>> STORED_ALERTS =
      Map.of(
          "O-20261123-7K3M9Q2X",
          Optional.of(new AlertRequest("O-20261123-7K3M9Q2X", SubmissionType.OBSERVATION, "100")),
          "S-20261123-4H8N2P6R",
          Optional.of(new AlertRequest("S-20261123-4H8N2P6R", SubmissionType.SIGNUP, "170")));

  private static final SubmissionRoutes STORED_ROUTES =
      id -> STORED_ALERTS.getOrDefault(id, Optional.empty());

  private static DynamodbEvent sample() throws Exception {
    Path root = Path.of(System.getProperty("relais.root", "../.."));
    return LambdaEventSerializers.serializerFor(
            DynamodbEvent.class, DispatchHandlerTest.class.getClassLoader())
        .fromJson(Files.readString(root.resolve("events/dispatch-stream-new-submissions.json")));
  }

  @Test
  void queuesEachNewSubmissionWithItsMrc() throws Exception {
    DispatchHandler handler =
        new DispatchHandler(
            new DispatchService(
                alerts -> {
                  queued.addAll(alerts);
                  return Set.of();
                },
                STORED_ROUTES));
    StreamsEventResponse response = handler.handleRequest(sample(), null);
    assertEquals(List.of(), response.getBatchItemFailures());
    assertEquals(
        List.of(
            new AlertRequest("O-20261123-7K3M9Q2X", SubmissionType.OBSERVATION, "100"),
            new AlertRequest("S-20261123-4H8N2P6R", SubmissionType.SIGNUP, "170")),
        queued);
  }

  @Test
  void reportsTheSequenceNumberOfTheFirstRecordThatCouldNotBeQueued() throws Exception {
    DispatchHandler handler =
        new DispatchHandler(
            new DispatchService(alerts -> Set.of("S-20261123-4H8N2P6R"), STORED_ROUTES));
    StreamsEventResponse response = handler.handleRequest(sample(), null);
    assertEquals("222", response.getBatchItemFailures().get(0).getItemIdentifier());
  }

  @Test
  void aSubmissionErasedBeforeItsAlertLeftQueuesNothing() throws Exception {
    DispatchHandler handler =
        new DispatchHandler(
            new DispatchService(
                alerts -> {
                  queued.addAll(alerts);
                  return Set.of();
                },
                id -> Optional.empty()));
    StreamsEventResponse response = handler.handleRequest(sample(), null);
    assertEquals(List.of(), response.getBatchItemFailures());
    assertEquals(List.of(), queued);
  }
}
