package ca.relais.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

  private static SQSEvent sample() throws Exception {
    Path root = Path.of(System.getProperty("relais.root", "../.."));
    return LambdaEventSerializers.serializerFor(
            SQSEvent.class, NotifyHandlerTest.class.getClassLoader())
        .fromJson(Files.readString(root.resolve("events/notify-sqs-alerts.json")));
  }

  @Test
  void sendsTheAlertsOfEveryMessage() throws Exception {
    store.submissions.put(
        "O-20261123-7K3M9Q2X", Samples.observation("O-20261123-7K3M9Q2X", Samples.RIMOUSKI, true));
    store.submissions.put(
        "S-20261123-4H8N2P6R", Samples.signUp("S-20261123-4H8N2P6R", Samples.LISLET, Language.FR));
    SQSBatchResponse response = handler.handleRequest(sample(), null);
    assertEquals(List.of(), response.getBatchItemFailures());
    assertEquals(
        List.of("anne@example.org", "program@example.org", "marie-eve@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  /** The sample's two messages (MRC 100, MRC 170) and a third of MRC 100. */
  private SQSEvent sampleWithASecondMessageInGroup100() throws Exception {
    SQSEvent event = sample();
    List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
    SQSEvent.SQSMessage sameGroup = new SQSEvent.SQSMessage();
    sameGroup.setMessageId("third");
    sameGroup.setBody(
        "{\"submissionId\":\"O-20261123-AAAAAAAA\",\"type\":\"OBSERVATION\",\"mrcCode\":\"100\"}");
    sameGroup.setAttributes(Map.of("MessageGroupId", "100"));
    records.add(sameGroup);
    event.setRecords(records);
    store.submissions.put(
        "S-20261123-4H8N2P6R", Samples.signUp("S-20261123-4H8N2P6R", Samples.LISLET, Language.FR));
    store.submissions.put(
        "O-20261123-AAAAAAAA", Samples.observation("O-20261123-AAAAAAAA", Samples.RIMOUSKI, true));
    return event;
  }

  private static List<String> failed(SQSBatchResponse response) {
    return response.getBatchItemFailures().stream()
        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .toList();
  }

  @Test
  void aFailedMessageHoldsBackTheLaterMessagesOfItsGroupOnly() throws Exception {
    SQSEvent event = sampleWithASecondMessageInGroup100();
    // The first message's alert is being sent by another worker: it fails; the third (same MRC)
    // must wait behind it.
    store.submissions.put(
        "O-20261123-7K3M9Q2X", Samples.observation("O-20261123-7K3M9Q2X", Samples.RIMOUSKI, false));
    ledger.claimAndCrash(
        "O-20261123-7K3M9Q2X",
        ledger.emailKey("alert", "anne@example.org"),
        java.time.Instant.now());
    SQSBatchResponse response = handler.handleRequest(event, null);
    assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975830a7d", "third"), failed(response));
    assertEquals(
        List.of("program@example.org", "marie-eve@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  @Test
  void aMessageNamingASubmissionThatNoLongerExists_isSetAside_andItsGroupGoesOn() throws Exception {
    SQSEvent event = sampleWithASecondMessageInGroup100();
    SQSBatchResponse response = handler.handleRequest(event, null);
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
    SQSEvent event = sampleWithASecondMessageInGroup100();
    event.getRecords().get(0).setBody(body);
    SQSBatchResponse response = handler.handleRequest(event, null);
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
    SQSEvent event = sampleWithASecondMessageInGroup100();
    SQSBatchResponse response =
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
    SQSEvent event = sampleWithASecondMessageInGroup100();
    SQSBatchResponse response =
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
    SQSEvent event = sampleWithASecondMessageInGroup100();
    event.getRecords().get(0).setBody("not json");
    assertEquals(
        List.of("059f36b4-87a3-44ab-83d2-661975830a7d", "third"),
        failed(failing.handleRequest(event, null)));
  }

  @Test
  void whenSesDoesNotAnswer_nothingMoreOfTheBatchIsTried() throws Exception {
    SQSEvent event = sampleWithASecondMessageInGroup100();
    store.submissions.put(
        "O-20261123-7K3M9Q2X", Samples.observation("O-20261123-7K3M9Q2X", Samples.RIMOUSKI, false));
    mailer.unresponsive = true;
    SQSBatchResponse response = handler.handleRequest(event, null);
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
    SQSEvent event = sampleWithASecondMessageInGroup100();
    store.submissions.put(
        "O-20261123-7K3M9Q2X", Samples.observation("O-20261123-7K3M9Q2X", Samples.RIMOUSKI, false));
    mailer.down = true;
    SQSBatchResponse response = handler.handleRequest(event, null);
    assertEquals(
        List.of(
            "059f36b4-87a3-44ab-83d2-661975830a7d",
            "2e1424d4-f796-459a-8184-9c92662be6da",
            "third"),
        failed(response));
    assertEquals(3, mailer.attempts, "every group was tried: a failing send holds back its own");
  }
}
