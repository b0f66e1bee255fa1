package ca.relais.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ca.relais.core.dispatch.AlertRequest;
import ca.relais.core.dispatch.DispatchService;
import ca.relais.core.dispatch.SubmissionRoutes;
import ca.relais.core.model.SubmissionType;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handler on {@code events/dispatch-stream-new-submissions.json}, read as Lambda reads it for a
 * {@code Map} handler (the runtime's Jackson serializer), its answer written the same way.
 */
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

  private static final AlertRequest FIRST =
      new AlertRequest("O-20261123-7K3M9Q2X", SubmissionType.OBSERVATION, "100");
  private static final AlertRequest SECOND =
      new AlertRequest("S-20261123-4H8N2P6R", SubmissionType.SIGNUP, "170");

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final PojoSerializer<Map<String, Object>> RUNTIME_JSON =
      (PojoSerializer) JacksonFactory.getInstance().getSerializer(Map.class);

  private static Map<String, Object> sample() throws Exception {
    Path root = Path.of(System.getProperty("relais.root", "../.."));
    return RUNTIME_JSON.fromJson(
        Files.readString(root.resolve("events/dispatch-stream-new-submissions.json")));
  }

  /** The response as Lambda reads it (the runtime writes the handler's Map as JSON). */
  private static String json(Map<String, Object> response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RUNTIME_JSON.toJson(response, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private DispatchHandler queueing() {
    return new DispatchHandler(
        new DispatchService(
            alerts -> {
              queued.addAll(alerts);
              return Set.of();
            },
            STORED_ROUTES));
  }

  @Test
  void queuesEachNewSubmissionWithItsMrc() throws Exception {
    Map<String, Object> response = queueing().handleRequest(sample(), null);
    assertEquals("{\"batchItemFailures\":[]}", json(response));
    assertEquals(List.of(FIRST, SECOND), queued);
  }

  @Test
  void reportsTheSequenceNumberOfTheFirstRecordThatCouldNotBeQueued() throws Exception {
    DispatchHandler handler =
        new DispatchHandler(
            new DispatchService(alerts -> Set.of("S-20261123-4H8N2P6R"), STORED_ROUTES));
    Map<String, Object> response = handler.handleRequest(sample(), null);
    assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"222\"}]}", json(response));
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
    Map<String, Object> response = handler.handleRequest(sample(), null);
    assertEquals("{\"batchItemFailures\":[]}", json(response));
    assertEquals(List.of(), queued);
  }

  /** Ways a stream record can lack what identifies its change. */
  static Stream<Arguments> unreadableRecords() {
    return Stream.of(
        Arguments.of("no Keys", change(d -> d.remove("Keys"))),
        Arguments.of("empty Keys", change(d -> d.put("Keys", Map.of()))),
        Arguments.of("Keys without sk", change(d -> d.put("Keys", Map.of("pk", s("SUB#x"))))),
        Arguments.of("Keys without pk", change(d -> d.put("Keys", Map.of("sk", s("SUBMISSION"))))),
        Arguments.of(
            "a key that is not a string",
            change(d -> d.put("Keys", Map.of("pk", s("SUB#x"), "sk", Map.of("N", "1"))))),
        Arguments.of("Keys not an object", change(d -> d.put("Keys", "SUB#x"))),
        Arguments.<Object>of(
            "no eventName", (Consumer<Map<String, Object>>) r -> r.remove("eventName")));
  }

  private static Map<String, Object> s(String value) {
    return Map.of("S", value);
  }

  /** A change to a record's {@code dynamodb} part, keeping its sequence number. */
  @SuppressWarnings("unchecked")
  private static Consumer<Map<String, Object>> change(Consumer<Map<String, Object>> dynamodb) {
    return record -> {
      Map<String, Object> part = new LinkedHashMap<>((Map<String, Object>) record.get("dynamodb"));
      dynamodb.accept(part);
      record.put("dynamodb", part);
    };
  }

  /** The sample with its record at {@code index} changed. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> sampleWith(int index, Consumer<Map<String, Object>> change)
      throws Exception {
    Map<String, Object> event = sample();
    List<Object> records = new ArrayList<>((List<Object>) event.get("Records"));
    Map<String, Object> record = new LinkedHashMap<>((Map<String, Object>) records.get(index));
    change.accept(record);
    records.set(index, record);
    event.put("Records", records);
    return event;
  }

  /** The records before an unreadable one are queued; it is reported, never dropped. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableRecords")
  void anUnreadableRecordIsReportedFailed_afterTheRecordsBeforeItAreQueued(
      String what, Consumer<Map<String, Object>> change) throws Exception {
    Map<String, Object> response = queueing().handleRequest(sampleWith(1, change), null);
    assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"222\"}]}", json(response));
    assertEquals(List.of(FIRST), queued);
  }

  /** The stream is read again from the unreadable record: nothing after it is queued twice. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableRecords")
  void anUnreadableFirstRecordHoldsBackTheBatch(String what, Consumer<Map<String, Object>> change)
      throws Exception {
    Map<String, Object> response = queueing().handleRequest(sampleWith(0, change), null);
    assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"111\"}]}", json(response));
    assertEquals(List.of(), queued);
  }

  /**
   * Without a sequence number the record cannot be named: the whole batch fails (Lambda's rule).
   */
  @Test
  void aRecordWithoutSequenceNumberFailsTheWholeBatch() throws Exception {
    Map<String, Object> response =
        queueing().handleRequest(sampleWith(1, change(d -> d.remove("SequenceNumber"))), null);
    assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", json(response));
    assertEquals(List.of(FIRST), queued);
  }

  @Test
  void aRecordThatIsNotAnObjectIsReportedFailed() throws Exception {
    Map<String, Object> event = sample();
    @SuppressWarnings("unchecked")
    List<Object> records = new ArrayList<>((List<Object>) event.get("Records"));
    records.add("not a record");
    event.put("Records", records);
    Map<String, Object> response = queueing().handleRequest(event, null);
    assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", json(response));
    assertEquals(List.of(FIRST, SECOND), queued);
  }

  @Test
  void recordsThatAreNotAListFailTheWholeBatch() {
    assertThrows(
        IllegalArgumentException.class,
        () -> queueing().handleRequest(Map.of("Records", "none"), null));
    assertEquals(List.of(), queued);
  }

  @Test
  void anEventWithoutRecordsHasNothingToDo() {
    assertEquals("{\"batchItemFailures\":[]}", json(queueing().handleRequest(Map.of(), null)));
  }

  /** The older stream view (a new image, no keys) still reads. */
  @Test
  void aRecordWithANewImageAndNoKeysIsQueued() throws Exception {
    Map<String, Object> response =
        queueing()
            .handleRequest(
                sampleWith(
                    1,
                    change(
                        d -> {
                          d.remove("Keys");
                          d.put(
                              "NewImage",
                              Map.of(
                                  "recordType", s("SUBMISSION"),
                                  "id", s("S-20261123-4H8N2P6R"),
                                  "submissionType", s("SIGNUP"),
                                  "mrcCode", s("170")));
                        })),
                null);
    assertEquals("{\"batchItemFailures\":[]}", json(response));
    assertEquals(List.of(FIRST, SECOND), queued);
  }
}
