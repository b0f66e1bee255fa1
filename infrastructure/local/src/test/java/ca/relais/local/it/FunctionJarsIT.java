package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.LocalStack;
import ca.relais.local.RepositoryRoot;
import ca.relais.local.template.FunctionDef;
import ca.relais.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Each function's shaded jar (its template {@code CodeUri}) holds only the clients that function
 * uses: no Apache or Netty HTTP clients anywhere, and no SQS or SES in intake.
 */
class FunctionJarsIT {

  private static final List<String> NEVER =
      List.of(
          "software/amazon/awssdk/http/apache/",
          "software/amazon/awssdk/http/apache5/",
          "software/amazon/awssdk/http/nio/netty/",
          "org/apache/http/",
          "io/netty/",
          "software/amazon/awssdk/crt/");

  /** Service packages each function may hold; anything else under services/ is a leak. */
  private static final Map<String, List<String>> SERVICES =
      Map.of(
          "IntakeFunction", List.of("dynamodb"),
          "DispatchFunction", List.of("sqs", "dynamodb"),
          "NotifyFunction", List.of("dynamodb", "sesv2", "sqs"),
          "DigestFunction", List.of("dynamodb", "sesv2"),
          "DeliveryEventsFunction", List.of("dynamodb"),
          "AcknowledgeFunction", List.of("dynamodb"),
          "EscalateFunction", List.of("dynamodb", "sesv2"));

  @Test
  void functionJarsHoldOnlyTheClientsTheirFunctionUses() throws IOException {
    SamTemplate template = SamTemplate.load(RepositoryRoot.template());
    for (FunctionDef function : template.functions().values()) {
      Path jar = RepositoryRoot.path().resolve(function.codeUri().orElseThrow());
      assertTrue(Files.isRegularFile(jar), jar + " was not built");
      List<String> allowed = SERVICES.getOrDefault(function.logicalId(), List.of());
      List<String> leaks = new ArrayList<>();
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          String name = entries.nextElement().getName();
          if (NEVER.stream().anyMatch(name::startsWith)) {
            leaks.add(name);
          }
          String prefix = "software/amazon/awssdk/services/";
          if (name.startsWith(prefix) && name.length() > prefix.length()) {
            String service = name.substring(prefix.length()).split("/")[0];
            if (!allowed.contains(service)) {
              leaks.add(name);
            }
          }
        }
      }
      assertEquals(
          List.of(),
          leaks.stream().limit(10).toList(),
          function.logicalId() + " jar holds classes it never uses");
      System.out.printf(
          "%s: %s is %.1f MB%n",
          function.logicalId(), jar.getFileName(), Files.size(jar) / 1048576.0);
    }
  }

  /**
   * Each jar alone (with only the serializer the Lambda runtime provides) handles its sample event
   * against the local emulators, in a fresh JVM with Lambda-like flags. The timings are printed,
   * never asserted.
   */
  @Test
  void eachShadedJarHandlesItsSampleEventAloneInAFreshJvm() throws Exception {
    LocalStack stack = SharedLocalStack.get();
    String smokeQueue =
        stack
            .sqs()
            .createQueue(
                r ->
                    r.queueName("JarSmoke.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
            .queueUrl();
    Map<String, String> aws =
        Map.of(
            "AWS_REGION",
            "ca-central-1",
            // what Lambda gives a SnapStart function (every function of the template): no access
            // key, the container endpoint (functions never read access-key variables)
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            stack.credentialsEndpoint().uri().toString(),
            "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            stack.credentialsEndpoint().token(),
            "AWS_ENDPOINT_URL_DYNAMODB",
            stack.dynamoDbEndpoint().toString(),
            "AWS_ENDPOINT_URL_SQS",
            stack.sqsEndpoint().toString(),
            "AWS_ENDPOINT_URL_SESV2",
            stack.sesEndpoint().toString());
    String table = stack.resources().tableName("RelaisTable");
    String intake =
        smoke(
            "functions/intake/target/relais-intake.jar",
            "ca.relais.intake.IntakeHandler",
            "events/intake-post-signup-json.json",
            aws,
            withPrivacy(
                Map.of(
                    "TABLE_NAME",
                    table,
                    "FORM_TOKEN_SECRET",
                    "jar-smoke-form-token-secret-0123456789")));
    assertTrue(intake.contains("\"statusCode\":201"), intake);
    // the stream carries keys only: dispatch reads the sample's two submissions from the table
    storeSampleSubmission(table, "O-20261123-7K3M9Q2X", "OBSERVATION", "100");
    storeSampleSubmission(table, "S-20261123-4H8N2P6R", "SIGNUP", "170");
    String dispatch =
        smoke(
            "functions/dispatch/target/relais-dispatch.jar",
            "ca.relais.dispatch.DispatchHandler",
            "events/dispatch-stream-new-submissions.json",
            aws,
            Map.of("ALERT_QUEUE_URL", smokeQueue, "TABLE_NAME", table));
    assertTrue(dispatch.contains("\"batchItemFailures\":[]"), dispatch);
    assertEquals(
        2,
        stack
            .sqs()
            .receiveMessage(r -> r.queueUrl(smokeQueue).maxNumberOfMessages(10).waitTimeSeconds(1))
            .messages()
            .size());
    String smokeDeadLetters =
        stack
            .sqs()
            .createQueue(
                r ->
                    r.queueName("JarSmokeDeadLetters.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
            .queueUrl();
    String notify =
        smoke(
            "functions/notify/target/relais-notify.jar",
            "ca.relais.notify.NotifyHandler",
            "events/notify-sqs-alerts.json",
            aws,
            withPrivacy(
                Map.of(
                    "TABLE_NAME",
                    table,
                    "SENDER_EMAIL",
                    "relais@example.org",
                    "ALERT_DEAD_LETTER_QUEUE_URL",
                    smokeDeadLetters,
                    "TAKE_LINK_SECRET",
                    SAMPLE_TAKE_LINK_SECRET,
                    "PUBLIC_BASE_URL",
                    "https://relais.example.org")));
    // The sample's submissions are in this table only as the keys dispatch reads (stored above):
    // both messages can never succeed, and are set aside in the dead-letter queue at once
    // instead of failing 5 times.
    assertTrue(notify.contains("\"batchItemFailures\":[]"), notify);
    assertEquals(
        List.of("unprocessable", "unprocessable"),
        stack
            .sqs()
            .receiveMessage(
                r ->
                    r.queueUrl(smokeDeadLetters)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .messageAttributeNames("All"))
            .messages()
            .stream()
            .map(m -> m.messageAttributes().get("relais-reason").stringValue())
            .toList());
    String digest =
        smoke(
            "functions/digest/target/relais-digest.jar",
            "ca.relais.digest.DigestHandler",
            "events/digest-schedule-given-week.json",
            aws,
            Map.of(
                "TABLE_NAME",
                table,
                "SENDER_EMAIL",
                "relais@example.org",
                "PERSON_KEY_SECRET",
                SMOKE_PERSON_KEY_SECRET));
    assertTrue(
        digest.contains("\"week\":\"2026-W47\"") && digest.contains("\"failedScopes\":[]"), digest);
    String delivery =
        smoke(
            "functions/delivery/target/relais-delivery.jar",
            "ca.relais.delivery.DeliveryEventHandler",
            "events/delivery-sns-ses-bounce.json",
            aws,
            Map.of("TABLE_NAME", table, "PERSON_KEY_SECRET", SMOKE_PERSON_KEY_SECRET));
    assertTrue(delivery.contains("\"recorded\":1") && delivery.contains("\"ignored\":1"), delivery);
    String acknowledge =
        smoke(
            "functions/acknowledge/target/relais-acknowledge.jar",
            "ca.relais.acknowledge.AcknowledgeHandler",
            "events/acknowledge-get-take-page.json",
            aws,
            Map.of("TABLE_NAME", table, "TAKE_LINK_SECRET", SAMPLE_TAKE_LINK_SECRET));
    // a genuine link for the sample report (stored above with the keys dispatch reads): its page,
    // with the button, and nothing taken by the GET
    assertTrue(
        acknowledge.contains("\"statusCode\":200") && acknowledge.contains("O-20261123-7K3M9Q2X"),
        acknowledge);
    String escalate =
        smoke(
            "functions/escalate/target/relais-escalate.jar",
            "ca.relais.escalate.EscalateHandler",
            "events/escalate-schedule-every-minute.json",
            aws,
            Map.of(
                "TABLE_NAME",
                table,
                "SENDER_EMAIL",
                "relais@example.org",
                "TAKE_LINK_SECRET",
                SAMPLE_TAKE_LINK_SECRET,
                "PUBLIC_BASE_URL",
                "https://relais.example.org",
                "PERSON_KEY_SECRET",
                SMOKE_PERSON_KEY_SECRET));
    assertTrue(escalate.contains("\"failed\":0"), escalate);
  }

  /**
   * The intake jar keeps only the commons-io classes its multipart parser can reach (intake's pom):
   * alone in a fresh JVM, it stores a multipart observation and a multipart sign-up (base64,
   * accents) from the sample events.
   */
  @Test
  void theIntakeJarAloneReadsMultipartBodies() throws Exception {
    LocalStack stack = SharedLocalStack.get();
    Map<String, String> aws =
        Map.of(
            "AWS_REGION",
            "ca-central-1",
            // what Lambda gives a SnapStart function (every function of the template): no access
            // key, the container endpoint (functions never read access-key variables)
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            stack.credentialsEndpoint().uri().toString(),
            "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            stack.credentialsEndpoint().token(),
            "AWS_ENDPOINT_URL_DYNAMODB",
            stack.dynamoDbEndpoint().toString());
    Map<String, String> env =
        withPrivacy(
            Map.of(
                "TABLE_NAME",
                stack.resources().tableName("RelaisTable"),
                "FORM_TOKEN_SECRET",
                "jar-smoke-form-token-secret-0123456789"));
    for (String sample :
        List.of(
            "events/intake-post-observation-multipart.json",
            "events/intake-post-signup-multipart.json")) {
      String response =
          smoke(
              "functions/intake/target/relais-intake.jar",
              "ca.relais.intake.IntakeHandler",
              sample,
              aws,
              env);
      assertTrue(response.contains("\"statusCode\":201"), sample + ": " + response);
    }
  }

  /**
   * Under SnapStart Lambda gives no access key: the intake jar, alone in a fresh JVM whose only
   * credentials are a loopback container-credentials endpoint and its token, stores a submission in
   * DynamoDB Local.
   */
  @Test
  void theIntakeJarAloneStoresASubmissionWithOnlyContainerCredentials() throws Exception {
    LocalStack stack = SharedLocalStack.get();
    String table = stack.resources().tableName("RelaisTable");
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode event =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(
                RepositoryRoot.path().resolve("events/intake-post-signup-json.json").toFile());
    com.fasterxml.jackson.databind.node.ObjectNode body =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(event.path("body").asText());
    body.put("email", "snapstart." + System.nanoTime() + "@example.org");
    event.put("body", body.toString());
    Path eventFile = Files.createTempFile("intake-container-credentials", ".json");
    Files.writeString(eventFile, event.toString());
    try (ca.relais.local.lambda.LocalCredentialsEndpoint credentials =
        ca.relais.local.lambda.LocalCredentialsEndpoint.start()) {
      Map<String, String> snapStart =
          Map.of(
              "AWS_REGION",
              "ca-central-1",
              "AWS_CONTAINER_CREDENTIALS_FULL_URI",
              credentials.uri().toString(),
              "AWS_CONTAINER_AUTHORIZATION_TOKEN",
              credentials.token(),
              "AWS_ENDPOINT_URL_DYNAMODB",
              stack.dynamoDbEndpoint().toString());

      String intake =
          smoke(
              "functions/intake/target/relais-intake.jar",
              "ca.relais.intake.IntakeHandler",
              eventFile.toString(),
              snapStart,
              withPrivacy(
                  Map.of(
                      "TABLE_NAME",
                      table,
                      "FORM_TOKEN_SECRET",
                      "jar-smoke-form-token-secret-0123456789")));

      assertTrue(intake.contains("\"statusCode\":201"), intake);
      java.util.regex.Matcher reference =
          java.util.regex.Pattern.compile("S-\\d{8}-[A-Z0-9]+").matcher(intake);
      assertTrue(reference.find(), intake);
      assertEquals(
          body.path("email").asText(),
          new StoredItems(stack).submission(reference.group()).get("email").s(),
          "stored with the credentials of the container endpoint");
      assertTrue(credentials.served() >= 1, "the jar fetched its credentials from the endpoint");
    } finally {
      Files.deleteIfExists(eventFile);
    }
  }

  /** The key the sample events of events/acknowledge-*.json are signed with. */
  private static final String SAMPLE_TAKE_LINK_SECRET =
      "sample-take-link-secret-for-events-only-0123456789";

  private static final String SMOKE_PERSON_KEY_SECRET = "jar-smoke-person-key-secret-0123456789";

  /** A submission of a sample stream event, as intake stores it (what dispatch reads of it). */
  private static void storeSampleSubmission(String table, String id, String type, String mrc) {
    SharedLocalStack.get()
        .dynamoDb()
        .putItem(
            r ->
                r.tableName(table)
                    .item(
                        Map.of(
                            "pk", AttributeValue.fromS("SUB#" + id),
                            "sk", AttributeValue.fromS("SUBMISSION"),
                            "recordType", AttributeValue.fromS("SUBMISSION"),
                            "id", AttributeValue.fromS(id),
                            "submissionType", AttributeValue.fromS(type),
                            "mrcCode", AttributeValue.fromS(mrc),
                            "expiresAt",
                                AttributeValue.fromN(
                                    String.valueOf(
                                        java.time.Instant.now()
                                            .plusSeconds(3600)
                                            .getEpochSecond())))));
  }

  /**
   * A function's environment with what the privacy work added to every function that reads
   * submissions: the person key's secret and the notice's parameters.
   */
  private static Map<String, String> withPrivacy(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("PERSON_KEY_SECRET", SMOKE_PERSON_KEY_SECRET);
    all.put("RESPONSIBLE_BODY", "CISSS (smoke)");
    all.put("PRIVACY_OFFICER", "PRP (smoke)");
    all.put("PRIVACY_CONTACT_EMAIL", "relais@example.org");
    return all;
  }

  private static String smoke(
      String jar, String handler, String event, Map<String, String> aws, Map<String, String> env)
      throws Exception {
    Path root = RepositoryRoot.path();
    String serialization =
        List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).stream()
            .filter(p -> p.contains("aws-lambda-java-serialization"))
            .findFirst()
            .orElseThrow();
    String testClasses =
        Path.of(JarSmoke.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    String localClasses =
        Path.of(
                ca.relais.local.lambda.HandlerMethod.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString();
    ProcessBuilder process =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-cp",
            String.join(
                java.io.File.pathSeparator,
                root.resolve(jar).toString(),
                serialization,
                localClasses,
                testClasses),
            JarSmoke.class.getName(),
            handler,
            root.resolve(event).toString());
    // The child sees only the variables given: no AWS_ACCESS_KEY_ID of this JVM's environment.
    process.environment().clear();
    process.environment().putAll(aws);
    process.environment().putAll(env);
    process.redirectErrorStream(true);
    Process running = process.start();
    String output =
        new String(
            running.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, running.waitFor(), jar + " failed:\n" + output);
    output
        .lines()
        .filter(l -> l.startsWith("TIMING"))
        .forEach(l -> System.out.println(Path.of(jar).getFileName() + " " + l));
    return output
        .lines()
        .filter(l -> l.startsWith("RESPONSE "))
        .findFirst()
        .orElseThrow(() -> new AssertionError(output));
  }
}
