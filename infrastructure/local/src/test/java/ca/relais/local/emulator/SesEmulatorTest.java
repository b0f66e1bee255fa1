package ca.relais.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.relais.local.emulator.SesInbox.CapturedEmail;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * aws-ses-v2-local as a child process: send through the SES v2 HTTP API, read back with {@link
 * SesInbox}, and the child never outlives its JVM. Skipped only when {@code node} is absent; a
 * missing {@code node_modules} fails with the message that says how to install it.
 */
class SesEmulatorTest {

  private static final Logger LOG = LoggerFactory.getLogger(SesEmulatorTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path LOGS = Path.of("target", "ses-emulator-test");

  private static SesEmulator emulator;
  private static SesInbox inbox;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    assumeTrue(
        SesEmulator.isNodeAvailable(), "node is not on the PATH: SES emulator tests skipped");
    long begin = System.nanoTime();
    emulator =
        SesEmulator.start(
            SesEmulator.locateDefaultDirectory(), Ports.freePort(), LOGS.resolve("ses.log"));
    LOG.info("aws-ses-v2-local start: {} ms", (System.nanoTime() - begin) / 1_000_000);
    inbox = new SesInbox(emulator.endpoint());
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @BeforeEach
  void emptyInbox() {
    inbox.clear();
  }

  @Test
  void anEmailSentThroughSesV2IsReadBackAndCleared() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    String messageId =
        sendV2(
            Map.of(
                "FromEmailAddress", "Relais <noreply@relais.test>",
                "Destination",
                    Map.of(
                        "ToAddresses", List.of("agente@mrc.test", "equipe@region.test"),
                        "CcAddresses", List.of("copie@relais.test"),
                        "BccAddresses", List.of("archive@relais.test")),
                "ReplyToAddresses", List.of("reponse@relais.test"),
                "Content",
                    Map.of(
                        "Simple",
                        Map.of(
                            "Subject",
                                Map.of("Data", "Nouvelle demande – Rimouski", "Charset", "UTF-8"),
                            "Body",
                                Map.of(
                                    "Text", Map.of("Data", "Bonjour,\nune demande."),
                                    "Html", Map.of("Data", "<p>Bonjour, <b>une demande</b>.</p>")),
                            "Headers", List.of(Map.of("Name", "X-Relais-Id", "Value", "SUB1"))))));

    List<CapturedEmail> emails = inbox.emails();
    assertEquals(1, emails.size(), emails.toString());
    CapturedEmail email = emails.get(0);
    assertEquals(messageId, email.messageId());
    assertEquals("Relais <noreply@relais.test>", email.from());
    assertEquals(List.of("agente@mrc.test", "equipe@region.test"), email.to());
    assertEquals(List.of("copie@relais.test"), email.cc());
    assertEquals(List.of("archive@relais.test"), email.bcc());
    assertEquals(List.of("reponse@relais.test"), email.replyTo());
    assertEquals("Nouvelle demande – Rimouski", email.subject());
    assertEquals("Bonjour,\nune demande.", email.text());
    assertEquals("<p>Bonjour, <b>une demande</b>.</p>", email.html());
    assertEquals(List.of(new SesInbox.Header("X-Relais-Id", "SUB1")), email.headers());
    assertTrue(email.attachments().isEmpty());
    assertFalse(email.at().isBefore(before.minusSeconds(1)), email.at().toString());
    assertEquals(1, inbox.emailsSince(before).size());

    inbox.clear();
    assertTrue(inbox.emails().isEmpty());
  }

  @Test
  void aTextOnlyEmailHasAnEmptyHtmlBody() throws Exception {
    sendV2(
        Map.of(
            "FromEmailAddress", "noreply@relais.test",
            "Destination", Map.of("ToAddresses", List.of("agente@mrc.test")),
            "Content",
                Map.of(
                    "Simple",
                    Map.of(
                        "Subject", Map.of("Data", "Texte"),
                        "Body", Map.of("Text", Map.of("Data", "seulement du texte"))))));
    CapturedEmail email = inbox.emails().get(0);
    assertEquals("", email.html());
    assertEquals("seulement du texte", email.text());
    assertTrue(email.cc().isEmpty() && email.bcc().isEmpty() && email.replyTo().isEmpty());
  }

  @Test
  void aSecondEmulatorOnTheSamePortFailsClearly() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                SesEmulator.start(
                    SesEmulator.locateDefaultDirectory(),
                    emulator.port(),
                    LOGS.resolve("same-port.log")));
    assertTrue(e.getMessage().contains("in use"), e.getMessage());
  }

  @Test
  void closeEndsTheNodeProcessAndReleasesThePort() throws Exception {
    SesEmulator other =
        SesEmulator.start(SesEmulator.locateDefaultDirectory(), 0, LOGS.resolve("close.log"));
    ProcessHandle node = other.process();
    assertTrue(node.isAlive());
    other.close();
    other.close();
    assertFalse(node.isAlive());
    try (ServerSocket socket =
        new ServerSocket(other.port(), 1, InetAddress.getLoopbackAddress())) {
      assertEquals(other.port(), socket.getLocalPort());
    }
    assertTrue(Files.readString(other.logFile()).contains("aws-ses-v2-local: server running"));
  }

  @Test
  void theNodeProcessEndsWhenItsJvmExits() throws Exception {
    assertNodeEndsWithChildJvm(false);
  }

  @Test
  void theNodeProcessEndsWhenItsJvmIsKilled() throws Exception {
    assertNodeEndsWithChildJvm(true);
  }

  /**
   * Starts {@link SesEmulatorChildJvm} in another JVM, which starts an emulator; then that JVM
   * either exits normally (the shutdown hook stops node) or is killed with SIGKILL (no hook runs:
   * node notices its standard input closing).
   */
  private void assertNodeEndsWithChildJvm(boolean kill) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process jvm =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-D" + SesEmulator.DIRECTORY_OVERRIDE + "=" + SesEmulator.locateDefaultDirectory(),
                SesEmulatorChildJvm.class.getName(),
                LOGS.resolve(kill ? "child-killed.log" : "child-exit.log").toString(),
                kill ? "wait" : "exit")
            .redirectError(ProcessBuilder.Redirect.appendTo(LOGS.resolve("child-jvm.log").toFile()))
            .start();
    ProcessHandle node;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("node "), "child JVM said " + line);
      long pid = Long.parseLong(line.substring("node ".length()).trim());
      Optional<ProcessHandle> found = ProcessHandle.of(pid);
      assertTrue(found.isPresent(), "node " + pid + " is not running");
      node = found.get();
      if (kill) {
        jvm.destroyForcibly();
      }
      assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), "child JVM did not end");
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (node.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    boolean orphan = node.isAlive();
    node.destroyForcibly();
    assertFalse(orphan, "node " + node.pid() + " outlived its JVM");
  }

  private String sendV2(Map<String, Object> request) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(emulator.endpoint().resolve("/v2/email/outbound-emails"))
                .header("Content-Type", "application/json")
                // Any SigV4-looking header will do; the emulator does not check signatures.
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=fakeAccessKey/20260101/ca-central-1/ses/"
                        + "aws4_request, SignedHeaders=host, Signature=fake")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body()).path("MessageId").asText();
  }
}
