package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.LocalStack;
import ca.relais.local.emulator.SesInbox.CapturedEmail;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole path on the local stack: post → DynamoDB → stream → dispatch → SQS FIFO → notify → the
 * SES emulator's store, with the test routing directory.
 */
class NotifyIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static LocalStack stack;
  private static Api api;

  @BeforeAll
  static void start() {
    stack = SharedLocalStack.get();
    api = new Api(stack.gatewayEndpoint());
  }

  private static String post(String path, String json) throws Exception {
    HttpResponse<String> response = api.postJson(path, json);
    assertEquals(201, response.statusCode(), response.body());
    return Api.json(response).get("id").asText();
  }

  private static String observation(String mrc, String description, boolean distress) {
    return """
        {"mrc": "%s", "category": "concern", "description": "%s", "distress": %s,
         "place": "Parc <des> Chênes", "reporterEmail": "eclaireur@example.org", "reporterName": "Jean Tremblay"}
        """
        .formatted(mrc, description, distress);
  }

  /**
   * The emails about one submission (its id is in every subject), once at least {@code count}
   * arrived.
   */
  static List<CapturedEmail> awaitEmails(String id, int count) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    List<CapturedEmail> found = List.of();
    while (System.nanoTime() < deadline) {
      found =
          SharedLocalStack.get().inbox().emails().stream()
              .filter(e -> e.subject().contains(id))
              .toList();
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Expected " + count + " emails for " + id + ", got " + found.size());
  }

  /** Waits a little longer and returns every email of the submission: for "nothing more" checks. */
  static List<CapturedEmail> settledEmails(String id) throws InterruptedException {
    Thread.sleep(3000);
    return SharedLocalStack.get().inbox().emails().stream()
        .filter(e -> e.subject().contains(id))
        .toList();
  }

  private static Set<String> recipients(List<CapturedEmail> emails) {
    return emails.stream().flatMap(e -> e.to().stream()).collect(Collectors.toSet());
  }

  @Test
  void observationReachesBothAgentsOfItsMrc_eachInTheirLanguage_withEscapedText() throws Exception {
    String id =
        post(
            "/observations",
            observation(
                "100", "<script>alert(1)</script> Aînés & isolement à Sainte-Blandine", false));
    List<CapturedEmail> emails = awaitEmails(id, 2);
    assertEquals(
        Set.of("agente.100@test.example.org", "backup.100@test.example.org"), recipients(emails));
    CapturedEmail french =
        emails.stream()
            .filter(e -> e.to().contains("agente.100@test.example.org"))
            .findFirst()
            .orElseThrow();
    CapturedEmail english =
        emails.stream()
            .filter(e -> e.to().contains("backup.100@test.example.org"))
            .findFirst()
            .orElseThrow();
    assertTrue(french.subject().contains("Signalement de vigie"), french.subject());
    assertTrue(english.subject().contains("Vigie observation"), english.subject());
    assertTrue(
        french
            .html()
            .contains(
                "&lt;script&gt;alert(1)&lt;/script&gt; Aînés &amp; isolement à Sainte-Blandine"),
        french.html());
    assertFalse(french.html().contains("<script>"));
    assertTrue(french.html().contains("Parc &lt;des&gt; Chênes"));
    assertTrue(
        french.text().contains("<script>alert(1)</script> Aînés & isolement à Sainte-Blandine"));
    assertEquals("relais@example.org", french.from());
    for (CapturedEmail email : emails) {
      assertTrue(email.subject().contains("Rimouski-Neigette"));
      for (String personal : List.of("Jean", "Tremblay", "eclaireur@", "Aînés", "<script")) {
        assertFalse(email.subject().contains(personal), email.subject());
      }
    }
  }

  @Test
  void distressObservationIsMarkedUrgent_withCrisisLines() throws Exception {
    String id =
        post(
            "/observations",
            observation("100", "Une personne parle de ne plus vouloir vivre.", true));
    // the MRC's primary agent first; its backup is the first escalation (EscalationIT)
    List<CapturedEmail> alerts = awaitEmails(id, 1);
    assertEquals(Set.of("agente.100@test.example.org"), recipients(alerts));
    for (CapturedEmail email : alerts) {
      assertTrue(email.subject().startsWith("[URGENT"), email.subject());
      assertTrue(email.text().contains("911") && email.text().contains("811"));
    }
  }

  @Test
  void formEncodedSignUp_alertsTheAgents_andConfirmsToTheCitizenInEnglish() throws Exception {
    HttpResponse<String> response =
        api.postForm(
            "/signups",
            List.of(
                Map.entry("firstName", "Marie-Ève"),
                Map.entry("lastName", "Côté"),
                Map.entry("email", "marie-eve.notify@example.org"),
                Map.entry("mrc", "100"),
                Map.entry("roles", "watch"),
                Map.entry("roles", "support"),
                Map.entry("consent", "on"),
                Map.entry("language", "en")),
            "Accept",
            "application/json");
    String id = Api.json(response).get("id").asText();
    List<CapturedEmail> emails = awaitEmails(id, 3);
    assertEquals(
        Set.of(
            "agente.100@test.example.org",
            "backup.100@test.example.org",
            "marie-eve.notify@example.org"),
        recipients(emails));
    CapturedEmail confirmation =
        emails.stream()
            .filter(e -> e.to().contains("marie-eve.notify@example.org"))
            .findFirst()
            .orElseThrow();
    assertTrue(confirmation.text().startsWith("Hello Marie-Ève,"), confirmation.text());
    CapturedEmail alert =
        emails.stream()
            .filter(e -> e.to().contains("agente.100@test.example.org"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        alert.html().contains("Marie-Ève Côté")
            && alert.html().contains("marie-eve.notify@example.org"));
    emails.forEach(e -> assertFalse(e.subject().contains("Marie"), e.subject()));
  }

  @Test
  void mrcWithoutAgentsFallsBackToItsRegion_thenToTheProgramInbox() throws Exception {
    String lislet =
        post(
            "/observations",
            observation("170", "Besoin de répit pour des proches aidants.", false));
    String gaspesie =
        post("/observations", observation("040", "Bon coup : une cuisine collective.", false));
    List<CapturedEmail> toRegion = awaitEmails(lislet, 1);
    assertEquals(Set.of("equipe.12@test.example.org"), recipients(toRegion));
    assertTrue(toRegion.get(0).text().contains("équipe-relais régionale"));
    List<CapturedEmail> toProgram = awaitEmails(gaspesie, 1);
    assertEquals(Set.of("programme@test.example.org"), recipients(toProgram));
    assertTrue(toProgram.get(0).text().contains("boîte du programme"));
  }

  @Test
  void duplicatePost_sendsNothingTwice() throws Exception {
    String json = observation("100", "Doublon : même signalement envoyé deux fois.", false);
    String first = post("/observations", json);
    String second = post("/observations", json);
    assertEquals(first, second);
    awaitEmails(first, 2);
    assertEquals(2, settledEmails(first).size());
  }

  @Test
  void sesDownForAWhile_everyAlertIsDeliveredOnceWhenItIsBack() throws Exception {
    long down = System.nanoTime();
    stack.stopSes();
    String id;
    try {
      id =
          post(
              "/observations",
              observation("100", "Envoyé pendant la panne du service de courriel.", false));
      Thread.sleep(3000); // notify fails, the message waits its visibility timeout and returns
    } finally {
      stack.startSes();
    }
    // The alert survives only if the outage is shorter than its redelivery budget (5 receives,
    // one visibility timeout apart): that, not luck, is what this test relies on.
    long outageSeconds = (System.nanoTime() - down) / 1_000_000_000L;
    long budgetSeconds = 4L * SharedLocalStack.ALERT_VISIBILITY_SECONDS;
    assertTrue(
        outageSeconds < budgetSeconds,
        "SES was down "
            + outageSeconds
            + " s, longer than the alert's redelivery budget of "
            + budgetSeconds
            + " s: the alert went to the dead-letter queue");
    List<CapturedEmail> emails = awaitEmails(id, 2);
    assertEquals(
        Set.of("agente.100@test.example.org", "backup.100@test.example.org"), recipients(emails));
    assertEquals(2, settledEmails(id).size(), "each agent once");
  }

  /**
   * Messages that can never succeed, in La Mitis's group, ahead of an urgent alert of La Mitis: an
   * unreadable body, a well-formed one naming a submission that does not exist, and one naming a
   * stored item that cannot be read as a submission. Each is set aside in the dead-letter queue at
   * its first receive, so the urgent alert arrives within seconds; before, it waited 5 receives ×
   * the visibility timeout (5 minutes in AWS, 10 s here).
   */
  @Test
  void poisonMessagesInOneMrcGroup_areSetAsideAtOnce_andTheUrgentAlertBehindThemArrives()
      throws Exception {
    String queue = stack.resources().queueUrl("AlertQueue");
    // a stored item that cannot be read as a submission (not of the type dispatch takes)
    stack
        .dynamoDb()
        .putItem(
            r ->
                r.tableName(stack.resources().tableName("RelaisTable"))
                    .item(
                        Map.of(
                            "pk", AttributeValue.fromS("SUB#O-20260101-C0RRUPT0"),
                            "sk", AttributeValue.fromS("SUBMISSION"),
                            "recordType", AttributeValue.fromS("DAMAGED"))));
    List<String> poisons =
        List.of(
            "not json: {\"submissionId\": 42}",
            "{\"submissionId\":\"O-20260101-P0150N00\",\"type\":\"OBSERVATION\",\"mrcCode\":\"090\"}",
            "{\"submissionId\":\"O-20260101-C0RRUPT0\",\"type\":\"OBSERVATION\",\"mrcCode\":\"090\"}");
    long start = System.nanoTime();
    for (int i = 0; i < poisons.size(); i++) {
      String body = poisons.get(i);
      String dedup = "poison-090-" + i;
      stack
          .sqs()
          .sendMessage(
              r ->
                  r.queueUrl(queue)
                      .messageGroupId("090")
                      .messageDeduplicationId(dedup)
                      .messageBody(body));
    }
    String mitis =
        post(
            "/observations",
            observation("090", "Une personne de La Mitis parle de ne plus vouloir vivre.", true));
    String lislet =
        post("/observations", observation("170", "Signalement de L'Islet, autre groupe.", false));
    List<CapturedEmail> urgent = awaitEmails(mitis, 1);
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    System.out.printf("NotifyIT: the urgent alert behind 3 poison messages took %d ms%n", millis);
    long seconds = millis / 1000;
    assertEquals(Set.of("agent.090@test.example.org"), recipients(urgent));
    assertTrue(urgent.get(0).subject().startsWith("[URGENT"), urgent.get(0).subject());
    // 5 receives of each poison would cost at least 3 x 4 visibility timeouts of 2 s: 24 s
    assertTrue(seconds < 8, "the urgent alert waited " + seconds + " s behind the poison");
    awaitEmails(lislet, 1);
    String dlq = stack.resources().queueUrl("AlertDeadLetterQueue");
    Map<String, String> reasons = new java.util.HashMap<>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (reasons.size() < poisons.size() && System.nanoTime() < deadline) {
      stack
          .sqs()
          .receiveMessage(
              r ->
                  r.queueUrl(dlq)
                      .maxNumberOfMessages(10)
                      .waitTimeSeconds(1)
                      .messageAttributeNames("All"))
          .messages()
          .stream()
          .filter(m -> poisons.contains(m.body()))
          .forEach(
              m ->
                  reasons.put(
                      m.body(),
                      m.messageAttributes().containsKey("relais-reason")
                          ? m.messageAttributes().get("relais-reason").stringValue()
                          : "moved after its last receive"));
    }
    assertEquals(
        Map.of(
            poisons.get(0),
            "unreadable",
            poisons.get(1),
            "submission-gone",
            poisons.get(2),
            "unprocessable"),
        reasons,
        "set aside by notify at the first receive, with the reason");
  }
}
