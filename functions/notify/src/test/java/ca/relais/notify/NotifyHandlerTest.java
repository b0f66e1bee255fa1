package ca.relais.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.core.model.Language;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.EmailRenderer;
import ca.relais.core.notify.NotifyService;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler on {@code events/notify-sqs-alerts.json}, read as Lambda reads it. */
class NotifyHandlerTest {

  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final RecordingMailer mailer = new RecordingMailer();
  private final NotifyHandler handler =
      new NotifyHandler(
          new NotifyService(
              store,
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
              new InMemorySentLedger(),
              Clock.systemUTC(),
              Duration.ofSeconds(60),
              new ca.relais.core.followup.TakeLinks(
                  "0123456789abcdef0123456789abcdef",
                  "https://relais.example.org",
                  Duration.ofDays(14)),
              new ca.relais.core.testing.InMemoryFollowUps(),
              new ca.relais.core.followup.EscalationDelays(
                  Duration.ofMinutes(60), Duration.ofDays(3))));

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

  @Test
  void aFailedMessageHoldsBackTheLaterMessagesOfItsGroupOnly() throws Exception {
    SQSEvent event = sample();
    List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
    SQSEvent.SQSMessage sameGroup = new SQSEvent.SQSMessage();
    sameGroup.setMessageId("third");
    sameGroup.setBody(
        "{\"submissionId\":\"O-20261123-AAAAAAAA\",\"type\":\"OBSERVATION\",\"mrcCode\":\"100\"}");
    sameGroup.setAttributes(Map.of("MessageGroupId", "100"));
    records.add(sameGroup);
    event.setRecords(records);
    // The first message's submission is missing: it fails; the third (same MRC) must wait.
    store.submissions.put(
        "S-20261123-4H8N2P6R", Samples.signUp("S-20261123-4H8N2P6R", Samples.LISLET, Language.FR));
    store.submissions.put(
        "O-20261123-AAAAAAAA", Samples.observation("O-20261123-AAAAAAAA", Samples.RIMOUSKI, false));
    SQSBatchResponse response = handler.handleRequest(event, null);
    assertEquals(
        List.of("059f36b4-87a3-44ab-83d2-661975830a7d", "third"),
        response.getBatchItemFailures().stream()
            .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
            .toList());
    assertEquals(
        List.of("program@example.org", "marie-eve@example.org"),
        mailer.sent.stream().map(EmailMessage::to).toList());
  }

  @Test
  void aMalformedMessageFailsAlone() throws Exception {
    SQSEvent event = sample();
    event.getRecords().get(0).setBody("not json");
    store.submissions.put(
        "S-20261123-4H8N2P6R", Samples.signUp("S-20261123-4H8N2P6R", Samples.LISLET, Language.FR));
    SQSBatchResponse response = handler.handleRequest(event, null);
    assertEquals(1, response.getBatchItemFailures().size());
    assertEquals(2, mailer.sent.size());
  }
}
