package ca.relais.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ca.relais.core.model.Language;
import ca.relais.core.model.Submission;
import ca.relais.core.notify.DeadLetters;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.EmailRenderer;
import ca.relais.core.notify.NotifyService;
import ca.relais.core.port.SubmissionStore;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.RecipientResolver;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.Scope;
import ca.relais.core.testing.InMemoryRoutingDirectory;
import ca.relais.core.testing.InMemorySentLedger;
import ca.relais.core.testing.InMemorySubmissionStore;
import ca.relais.core.testing.RecordingMailer;
import ca.relais.core.testing.Samples;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The handler on {@code events/notify-sqs-alerts.json}, read as Lambda reads it. */
class NotifyHandlerTest {

  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final RecordingMailer mailer = new RecordingMailer();
  private final InMemorySentLedger ledger = new InMemorySentLedger();
  private final List<String> setAside = new ArrayList<>();
  private final DeadLetters deadLetters =
      (messageId, group, body, reason) -> setAside.add(messageId + " " + group + " " + reason);
  private final NotifyService service = service(store);
  private final NotifyHandler handler = new NotifyHandler(service, deadLetters);

  /** The service over {@code submissions}: Anne for MRC 100 and the program inbox. */
  private NotifyService service(SubmissionStore submissions) {
    return new NotifyService(
        submissions,
        new RecipientResolver(
            new InMemoryRoutingDirectory(
                List.of(
                    new RelayAgent(
                        Scope.mrc("100"),
                        "anne@example.org",
                        "Anne",
                        Language.FR,
                        AgentRole.PRIMARY),
                    new RelayAgent(
                        Scope.program(),
                        "program@example.org",
                        "Programme",
                        Language.FR,
                        AgentRole.PRIMARY)))),
        new EmailRenderer(),
        mailer,
        ledger,
        Clock.systemUTC(),
        Duration.ofSeconds(60),
        new ca.relais.core.followup.TakeLinks(
            "0123456789abcdef0123456789abcdef", "https://relais.example.org", Duration.ofDays(14)),
        new ca.relais.core.testing.InMemoryFollowUps(),
        new ca.relais.core.followup.EscalationDelays(Duration.ofMinutes(60), Duration.ofDays(3)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final PojoSerializer<Map<String, Object>> RUNTIME_JSON =
      (PojoSerializer) JacksonFactory.getInstance().getSerializer(Map.class);

  /** The sample as Lambda reads it for a {@code Map} handler (the runtime's Jackson serializer). */
  private static Map<String, Object> sample() throws Exception {
    Path root = Path.of(System.getProperty("relais.root", "../.."));
    return RUNTIME_JSON.fromJson(Files.readString(root.resolve("events/notify-sqs-alerts.json")));
  }

  /** The response as Lambda reads it (the runtime writes the handler's Map as JSON). */
  private static String json(Map<String, Object> response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RUNTIME_JSON.toJson(response, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The sample's records, to change. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> records(Map<String, Object> event) {
    return (List<Map<String, Object>>) event.get("Records");
  }

  /** The event with its record at {@code index} changed. */
  private static void change(
      Map<String, Object> event, int index, Consumer<Map<String, Object>> change) {
    List<Map<String, Object>> records = new ArrayList<>(records(event));
    Map<String, Object> record = new LinkedHashMap<>(records.get(index));
    change.accept(record);
    records.set(index, record);
    event.put("Records", records);
  }

  @Test
  void sendsTheAlertsOfEveryMessage() throws Exception {
    store.submissions.put(
        "O-20261123-7K3M9Q2X", Samples.observation("O-20261123-7K3M9Q2X", Samples.RIMOUSKI, true));
    store.submissions.put(
        "S-20261123-4H8N2P6R", Samples.signUp("S-20261123-4H8N2P6R", Samples.LISLET, Language.FR));
    Map<String, Object> response = handler.handleRequest(sample(), null);
    assertEquals("{\"batchItemFailures\":[]}", json(response));
    assertEquals(
        List.of("anne@example.org", "program@example.org", "marie-eve@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  /** The sample's two messages (MRC 100, MRC 170) and a third of MRC 100. */
  private Map<String, Object> sampleWithASecondMessageInGroup100() throws Exception {
    Map<String, Object> event = sample();
    List<Map<String, Object>> records = new ArrayList<>(records(event));
    records.add(
        Map.of(
            "messageId",
            "third",
            "body",
            "{\"submissionId\":\"O-20261123-AAAAAAAA\",\"type\":\"OBSERVATION\",\"mrcCode\":\"100\"}",
            "attributes",
            Map.of("MessageGroupId", "100")));
    event.put("Records", records);
    store.submissions.put(
        "S-20261123-4H8N2P6R", Samples.signUp("S-20261123-4H8N2P6R", Samples.LISLET, Language.FR));
    store.submissions.put(
        "O-20261123-AAAAAAAA", Samples.observation("O-20261123-AAAAAAAA", Samples.RIMOUSKI, true));
    return event;
  }

  /**
   * The failed items' identifiers, read from the response's JSON as Lambda reads it ({@code
   * {"batchItemFailures":[{"itemIdentifier":"…"}]}}).
   */
  private static List<String> failed(Map<String, Object> response) {
    Map<String, Object> read = RUNTIME_JSON.fromJson(json(response));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> failures = (List<Map<String, Object>>) read.get("batchItemFailures");
    return failures.stream().map(f -> (String) f.get("itemIdentifier")).toList();
  }

  @Test
  void aFailedMessageHoldsBackTheLaterMessagesOfItsGroupOnly() throws Exception {
    Map<String, Object> event = sampleWithASecondMessageInGroup100();
    // The first message's alert is being sent by another worker: it fails; the third (same MRC)
    // must wait behind it.
    store.submissions.put(
        "O-20261123-7K3M9Q2X", Samples.observation("O-20261123-7K3M9Q2X", Samples.RIMOUSKI, false));
    ledger.claimAndCrash(
        "O-20261123-7K3M9Q2X",
        ledger.emailKey("alert", "anne@example.org"),
        java.time.Instant.now());
    Map<String, Object> response = handler.handleRequest(event, null);
    assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975830a7d", "third"), failed(response));
    assertEquals(
        List.of("program@example.org", "marie-eve@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  @Test
  void aMessageNamingASubmissionThatNoLongerExists_isSetAside_andItsGroupGoesOn() throws Exception {
    Map<String, Object> event = sampleWithASecondMessageInGroup100();
    Map<String, Object> response = handler.handleRequest(event, null);
    assertEquals(List.of(), failed(response));
    assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975830a7d 100 SUBMISSION_GONE"), setAside);
    assertEquals(
        List.of("program@example.org", "marie-eve@example.org", "anne@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "",
        "{}",
        "{\"submissionId\": 42}",
        "{\"submissionId\": \"O-2026-short\"}",
        "{\"submissionId\": \"../../O-20261123-7K3M9Q2\"}",
        "{\"id\": \"O-20261123-7K3M9Q2X\"}",
        "\u0000\u0001",
      })
  void anUnreadableMessage_isSetAside_andItsGroupGoesOn(String body) throws Exception {
    Map<String, Object> event = sampleWithASecondMessageInGroup100();
    change(event, 0, record -> record.put("body", body));
    Map<String, Object> response = handler.handleRequest(event, null);
    assertEquals(List.of(), failed(response));
    assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975830a7d 100 UNREADABLE"), setAside);
    assertEquals(
        List.of("program@example.org", "marie-eve@example.org", "anne@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  /** A handler whose store fails with {@code failure} when it reads the sample's first id. */
  private NotifyHandler readingFails(RuntimeException failure) {
    SubmissionStore failing =
        new SubmissionStore() {
          @Override
          public SaveResult save(Submission submission, Instant retainUntil, DuplicateGuard g) {
            return store.save(submission, retainUntil, g);
          }

          @Override
          public Optional<Submission> find(String id) {
            if (id.equals("O-20261123-7K3M9Q2X")) {
              throw failure;
            }
            return store.find(id);
          }
        };
    return new NotifyHandler(service(failing), deadLetters);
  }

  /** The same fault at every receive (a stored item that cannot be read): set aside at once. */
  @Test
  void aStoredSubmissionThatCannotBeRead_isSetAside_andItsGroupGoesOn() throws Exception {
    Map<String, Object> event = sampleWithASecondMessageInGroup100();
    Map<String, Object> response =
        readingFails(new IllegalArgumentException("Stored submission lacks attribute x"))
            .handleRequest(event, null);
    assertEquals(List.of(), failed(response));
    assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975830a7d 100 UNPROCESSABLE"), setAside);
    assertEquals(
        List.of("program@example.org", "marie-eve@example.org", "anne@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  /** An AWS error (DynamoDB unreachable, throttled) may pass later: retried, its group waits. */
  @Test
  void anAwsErrorIsRetried_andHoldsItsGroup() throws Exception {
    Map<String, Object> event = sampleWithASecondMessageInGroup100();
    Map<String, Object> response =
        readingFails(SdkClientException.create("Unable to execute HTTP request: timed out"))
            .handleRequest(event, null);
    assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975830a7d", "third"), failed(response));
    assertEquals(List.of(), setAside);
  }

  @Test
  void aMessageThatCannotBeSetAside_staysOnTheQueue_andHoldsItsGroup() throws Exception {
    NotifyHandler failing =
        new NotifyHandler(
            service,
            (messageId, group, body, reason) -> {
              throw new IllegalStateException("dead-letter queue unavailable");
            });
    Map<String, Object> event = sampleWithASecondMessageInGroup100();
    change(event, 0, record -> record.put("body", "not json"));
    assertEquals(
        List.of("059f36b4-87a3-44ab-83d2-661975830a7d", "third"),
        failed(failing.handleRequest(event, null)));
  }

  @Test
  void whenSesDoesNotAnswer_nothingMoreOfTheBatchIsTried() throws Exception {
    Map<String, Object> event = sampleWithASecondMessageInGroup100();
    store.submissions.put(
        "O-20261123-7K3M9Q2X", Samples.observation("O-20261123-7K3M9Q2X", Samples.RIMOUSKI, false));
    mailer.unresponsive = true;
    Map<String, Object> response = handler.handleRequest(event, null);
    assertEquals(
        List.of(
            "059f36b4-87a3-44ab-83d2-661975830a7d",
            "2e1424d4-f796-459a-8184-9c92662be6da",
            "third"),
        failed(response));
    assertEquals(1, mailer.attempts, "one send attempt while SES does not answer");
    mailer.unresponsive = false;
    assertEquals(List.of(), failed(handler.handleRequest(event, null)));
    assertEquals(
        List.of(
            "anne@example.org", "program@example.org", "marie-eve@example.org", "anne@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  @Test
  void aSendThatSesAnswersWithAFailure_holdsBackItsGroupOnly() throws Exception {
    Map<String, Object> event = sampleWithASecondMessageInGroup100();
    store.submissions.put(
        "O-20261123-7K3M9Q2X", Samples.observation("O-20261123-7K3M9Q2X", Samples.RIMOUSKI, false));
    mailer.down = true;
    Map<String, Object> response = handler.handleRequest(event, null);
    assertEquals(
        List.of(
            "059f36b4-87a3-44ab-83d2-661975830a7d",
            "2e1424d4-f796-459a-8184-9c92662be6da",
            "third"),
        failed(response));
    assertEquals(3, mailer.attempts, "every group was tried: a failing send holds back its own");
  }

  /** Ways an SQS record can arrive without what the function reads of it. */
  static Stream<Arguments> recordsNotReadWhole() {
    return Stream.of(
        Arguments.of("no body", "059f36b4-87a3-44ab-83d2-661975830a7d", remove("body")),
        Arguments.of(
            "a body that is not a string",
            "059f36b4-87a3-44ab-83d2-661975830a7d",
            put("body", Map.of("submissionId", "O-20261123-7K3M9Q2X"))),
        Arguments.of("no messageId", "", remove("messageId")),
        Arguments.of("a blank messageId", "", put("messageId", " ")),
        Arguments.of("a messageId that is not a string", "", put("messageId", 42)));
  }

  private static Consumer<Map<String, Object>> remove(String name) {
    return record -> record.remove(name);
  }

  private static Consumer<Map<String, Object>> put(String name, Object value) {
    return record -> record.put(name, value);
  }

  /**
   * A record not read whole is reported failed (a missing message id as {@code ""}: Lambda then
   * fails the whole batch) and holds back its group; it is never set aside with what was not read,
   * nor dropped: the message stays on the queue, body and all.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("recordsNotReadWhole")
  void aRecordNotReadWhole_isReportedFailed_notSetAside_andHoldsItsGroup(
      String what, String reported, Consumer<Map<String, Object>> damage) throws Exception {
    Map<String, Object> event = sampleWithASecondMessageInGroup100();
    store.submissions.put(
        "O-20261123-7K3M9Q2X", Samples.observation("O-20261123-7K3M9Q2X", Samples.RIMOUSKI, true));
    change(event, 0, damage);
    Map<String, Object> response = handler.handleRequest(event, null);
    assertEquals(List.of(reported, "third"), failed(response));
    assertEquals(List.of(), setAside);
    assertEquals(
        List.of("program@example.org", "marie-eve@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  @Test
  void aRecordThatIsNotAnObjectIsReportedFailed() throws Exception {
    Map<String, Object> event = sample();
    List<Object> records = new ArrayList<>(records(event));
    records.add(0, "not a record");
    event.put("Records", records);
    store.submissions.put(
        "O-20261123-7K3M9Q2X", Samples.observation("O-20261123-7K3M9Q2X", Samples.RIMOUSKI, true));
    store.submissions.put(
        "S-20261123-4H8N2P6R", Samples.signUp("S-20261123-4H8N2P6R", Samples.LISLET, Language.FR));
    assertEquals(List.of(""), failed(handler.handleRequest(event, null)));
    assertEquals(List.of(), setAside);
  }

  @Test
  void recordsThatAreNotAListFailTheWholeBatch() {
    assertThrows(
        IllegalArgumentException.class, () -> handler.handleRequest(Map.of("Records", "x"), null));
    assertEquals(List.of(), mailer.sent);
  }

  @Test
  void anEventWithoutRecordsHasNothingToDo() {
    assertEquals("{\"batchItemFailures\":[]}", json(handler.handleRequest(Map.of(), null)));
  }

  /** The answer Lambda reads: each failed message by its id, in the batch's order. */
  @Test
  void theResponseNamesEachFailedMessageAsLambdaReadsIt() throws Exception {
    mailer.down = true;
    store.submissions.put(
        "O-20261123-7K3M9Q2X", Samples.observation("O-20261123-7K3M9Q2X", Samples.RIMOUSKI, true));
    store.submissions.put(
        "S-20261123-4H8N2P6R", Samples.signUp("S-20261123-4H8N2P6R", Samples.LISLET, Language.FR));
    assertEquals(
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"059f36b4-87a3-44ab-83d2-661975830a7d\"},"
            + "{\"itemIdentifier\":\"2e1424d4-f796-459a-8184-9c92662be6da\"}]}",
        json(handler.handleRequest(sample(), null)));
  }
}
