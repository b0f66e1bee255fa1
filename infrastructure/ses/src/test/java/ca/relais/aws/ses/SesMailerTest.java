package ca.relais.aws.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.AwsClientSettings;
import ca.relais.core.config.Environment;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.Mailer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SesMailer} with the client {@link SesMailer#client} builds, against a socket server that
 * plays SES: how many HTTP attempts one send makes, and which answers are refusals.
 */
class SesMailerTest {

  private final FakeSesServer ses;
  private final SesMailer mailer;

  SesMailerTest() throws Exception {
    ses = new FakeSesServer();
    AwsClientSettings settings =
        AwsClientSettings.forOperator(
            Environment.of(
                Map.of(
                    "AWS_REGION", "ca-central-1",
                    "AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test",
                    "AWS_ENDPOINT_URL_SESV2", ses.endpoint())));
    mailer =
        new SesMailer(
            SesMailer.client(settings), "relais@example.org", Optional.empty(), Optional.empty());
  }

  @AfterEach
  void stop() throws Exception {
    ses.close();
  }

  private static EmailMessage email() {
    return new EmailMessage("agent@example.org", "Sujet", "<p>html</p>", "texte", Map.of());
  }

  @Test
  void accepted_returnsTheMessageId() throws Exception {
    assertEquals("fake-0001", mailer.send(email()));
    assertEquals(1, ses.requests());
  }

  @Test
  void droppedConnection_isOneAttempt_unanswered() {
    ses.behave(FakeSesServer.Behaviour.DROP);
    Mailer.MailerException failure =
        assertThrows(Mailer.MailerException.class, () -> mailer.send(email()));
    assertTrue(failure.unanswered(), failure.getMessage());
    assertFalse(failure.refused());
    assertEquals(1, ses.requests());
  }

  @Test
  void droppedKeptAliveConnection_isOneAttempt_unanswered() throws Exception {
    mailer.send(email());
    ses.behave(FakeSesServer.Behaviour.DROP);
    Mailer.MailerException failure =
        assertThrows(Mailer.MailerException.class, () -> mailer.send(email()));
    assertTrue(failure.unanswered(), failure.getMessage());
    assertEquals(2, ses.requests());
  }

  /**
   * A frozen SES: one attempt, given up before the notify function's 10 s timeout, so that the
   * claim is released and the failure reported instead of the function being killed mid-send.
   */
  @Test
  void frozenSes_isOneAttempt_givenUpBeforeTheFunctionTimeout() {
    ses.behave(FakeSesServer.Behaviour.HANG);
    long start = System.nanoTime();
    Mailer.MailerException failure =
        assertThrows(Mailer.MailerException.class, () -> mailer.send(email()));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertFalse(failure.refused());
    assertTrue(failure.unanswered(), failure.getMessage());
    assertEquals(1, ses.requests());
    assertTrue(millis < 9_000, "gave up after " + millis + " ms");
  }

  /** SES's answers that refuse this very email: final, never retried. */
  @ParameterizedTest
  @CsvSource({
    "MessageRejected, Email address is not verified.",
    "BadRequestException, Illegal address",
    "BadRequestException, Local address contains control or whitespace",
  })
  void aRefusalOfThisEmail_isFinal(String errorType, String message) {
    ses.answer(400, errorType, "{\"message\":\"" + message + "\"}");
    Mailer.MailerException failure =
        assertThrows(Mailer.MailerException.class, () -> mailer.send(email()));
    assertTrue(failure.refused(), failure.getMessage());
    assertFalse(failure.unanswered());
    assertFalse(failure.getMessage().contains("agent@example.org"), failure.getMessage());
    assertEquals(1, ses.requests());
  }

  /** Answers that a later attempt may overcome (throttling, quota, outage, paused account). */
  @ParameterizedTest
  @CsvSource({
    "429, TooManyRequestsException",
    "400, LimitExceededException",
    "400, SendingPausedException",
    "400, AccountSuspendedException",
    "400, MailFromDomainNotVerifiedException",
    "500, InternalFailure",
    "503, ServiceUnavailable",
  })
  void aFailureThatMayPass_isRetriedThroughTheQueue_afterOneAttempt(int status, String type) {
    ses.answer(status, type, "{\"message\":\"try later\"}");
    Mailer.MailerException failure =
        assertThrows(Mailer.MailerException.class, () -> mailer.send(email()));
    assertFalse(failure.refused(), failure.getMessage());
    assertFalse(failure.unanswered(), "SES answered: " + failure.getMessage());
    assertEquals(1, ses.requests());
  }
}
