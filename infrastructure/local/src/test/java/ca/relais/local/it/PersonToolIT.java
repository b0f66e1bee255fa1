package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.config.Environment;
import ca.relais.core.intake.ContentFingerprint;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import ca.relais.local.LocalStack;
import ca.relais.local.RepositoryRoot;
import ca.relais.tools.Tools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The person tool against the local stack: a sign-up and two observations by one address, posted
 * through the gateway and alerted by the pipeline, are found, exported and erased by address; the
 * register keeps each use.
 */
class PersonToolIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static LocalStack stack;
  private static Api api;
  private static String table;

  @BeforeAll
  static void start() {
    stack = SharedLocalStack.get();
    api = new Api(stack.gatewayEndpoint());
    table = stack.resources().tableName("RelaisTable");
  }

  @Test
  void aSignUpAndTwoObservationsByOneAddressAreFoundExportedAndErased() throws Exception {
    String local = "gisele.cote." + UUID.randomUUID().toString().substring(0, 8);
    String address = local + "@example.org";
    String signUp =
        post(
            "/signups",
            """
            {"firstName": "Gisèle", "lastName": "Côté", "email": "%s",
             "mrc": "Rimouski-Neigette", "roles": ["watch"], "consent": true, "language": "fr"}
            """
                .formatted(
                    // another spelling of the same address: the person key normalises it
                    local.toUpperCase(Locale.ROOT) + "@Example.org"));
    String first = post("/observations", observation(address, "Un voisin semble isolé."));
    String second = post("/observations", observation(address, "Besoin de transport au village."));
    for (String id : List.of(signUp, first, second)) {
      awaitLedgerSettled(id);
    }
    Thread.sleep(2000); // every recipient's email, not only the first

    JsonNode found = tool(0, "person", "find", "--email", address);
    assertEquals(
        Set.of(signUp, first, second),
        StreamSupport.stream(found.spliterator(), false)
            .map(n -> n.get("id").asText())
            .collect(Collectors.toSet()),
        found.toString());

    // an id as pasted (spaces, lower case) finds its record; what is not an id is refused
    JsonNode byId = tool(0, "person", "find", "--id", " " + first.toLowerCase(Locale.ROOT) + " ");
    assertEquals(first, byId.get(0).get("id").asText(), byId.toString());
    for (String notAnId :
        List.of(
            "", "O-bogus", first + "," + second, first.substring(0, 12), "O-20261202-IIIIIIII")) {
      String said = refused("person", "erase", "--id", notAnId);
      assertTrue(said.contains("--id takes a reference id"), said);
    }

    JsonNode rectified =
        tool(0, "person", "rectify", "--id", first, "--set", "reporterName=G. Côté");
    assertEquals(1, rectified.get("rectified").asInt(), rectified.toString());
    JsonNode withdrawn = tool(0, "person", "withdraw", "--email", address);
    assertEquals(1, withdrawn.get("withdrawn").asInt(), "the sign-up: " + withdrawn);

    Path out = Files.createTempDirectory("person-export").resolve("export.json");
    tool(0, "person", "export", "--email", address, "--out", out.toString());
    String written = Files.readString(out);
    JsonNode export = JSON.readTree(written);
    // an export is never written over another file: refused before anything is read or registered
    tool(2, "person", "export", "--email", address, "--out", out.toString());
    assertEquals(written, Files.readString(out), "the earlier export is untouched");
    tool(
        2,
        "person",
        "export",
        "--email",
        address,
        "--out",
        out.resolveSibling("no/such.json").toString());
    Files.delete(out);
    assertEquals(3, export.get("records").size(), export.toString());
    for (JsonNode record : export.get("records")) {
      JsonNode attributes = record.get("attributes");
      JsonNode consent = record.get("consent");
      SubmissionType type = SubmissionType.valueOf(record.get("type").asText());
      assertTrue(consent.get("noticeVersion").asText().startsWith("notice-"), record.toString());
      assertEquals(64, consent.get("noticeHash").asText().length(), record.toString());
      assertEquals("api", consent.get("channel").asText());
      Instant receivedAt = Instant.parse(attributes.get("receivedAt").asText());
      Instant expiresAt = Instant.parse(attributes.get("expiresAt").asText());
      assertEquals(
          SubmissionSchema.retentionOf(type),
          // the TTL attribute holds whole epoch seconds
          Duration.ofSeconds(expiresAt.getEpochSecond() - receivedAt.getEpochSecond()),
          "expiresAt is the declared retention after receipt");
      if (type == SubmissionType.SIGNUP) {
        assertEquals(signUp, record.get("id").asText());
        assertEquals("Gisèle", attributes.get("firstName").asText());
        assertTrue(consent.has("withdrawnAt"), "the withdrawal is kept with the proof: " + record);
        assertEquals(
            List.of("network-membership", "relay-team-contact"),
            JSON.convertValue(consent.get("consentPurposes"), List.class));
        assertTrue(
            StreamSupport.stream(record.get("emails").spliterator(), false)
                .anyMatch(
                    e ->
                        e.get("kind").asText().equals("confirmation")
                            && e.get("state").asText().equals("SENT")
                            && e.has("sentAt")),
            record.toString());
      } else {
        assertEquals(address, attributes.get("reporterEmail").asText());
        assertFalse(consent.has("consentPurposes"), "an observation records the notice shown");
        if (record.get("id").asText().equals(first)) {
          assertEquals("G. Côté", attributes.get("reporterName").asText(), "rectified");
        }
        assertTrue(record.get("emails").size() >= 1, record.toString());
      }
    }

    JsonNode erased = tool(0, "person", "erase", "--email", address);
    assertEquals(3, erased.get("erasedSubmissions").asInt(), erased.toString());
    assertTrue(erased.get("notReachable").toString().contains("35"), erased.toString());

    String lower = address.toLowerCase(Locale.ROOT);
    List<String> plainHashes =
        List.of(ContentFingerprint.sha256(lower), ContentFingerprint.sha256(address));
    for (Map<String, AttributeValue> item : scanTable()) {
      String text = item.toString();
      assertFalse(text.toLowerCase(Locale.ROOT).contains(lower), "item holds the address: " + text);
      assertFalse(text.toLowerCase(Locale.ROOT).contains(local), "item holds the address: " + text);
      for (String hash : plainHashes) {
        assertFalse(text.contains(hash), "item holds the address's plain hash: " + text);
      }
      if (item.get("recordType").s().equals("REGISTER")) {
        continue; // the register names what was done (a reference id), never the address
      }
      for (String id : List.of(signUp, first, second)) {
        assertFalse(text.contains(id), "an item still points to " + id + ": " + text);
      }
    }
    assertEquals(0, tool(0, "person", "find", "--email", address).size());

    String subject = "person:" + SharedLocalStack.personKey().of(address);
    JsonNode register =
        tool(0, "person", "register", "--since", LocalDate.now(ZoneOffset.UTC).toString());
    List<String> actions = new ArrayList<>();
    for (JsonNode entry : register) {
      if (entry.get("subject").asText().equals(subject)) {
        actions.add(entry.get("action").asText() + ":" + entry.get("records").asInt());
        assertEquals("agente-test", entry.get("operator").asText());
      }
    }
    assertEquals(
        List.of("find:3", "withdraw:1", "export:3", "erase:3", "find:0"),
        actions,
        register.toString());
    assertTrue(
        register.toString().contains("\"subject\":\"submission:" + first + "\""),
        "the rectification by id is registered too: " + register);
  }

  @Test
  void theToolJarRunsOnItsOwnAndRefusesAnActionWithoutAPerson() throws Exception {
    Path jar = RepositoryRoot.path().resolve("infrastructure/tools/target/relais-tools.jar");
    assertTrue(Files.exists(jar), "mvn package builds " + jar);
    ProcessBuilder builder =
        new ProcessBuilder(
                "java",
                "-jar",
                jar.toString(),
                "person",
                "register",
                "--endpoint-url",
                stack.dynamoDbEndpoint().toString(),
                "--table",
                table)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(environment());
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(JSON.readTree(output).isArray(), output);

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Tools.run(
            new String[] {"person", "erase", "--table", table},
            Environment.of(environment()),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--email"), err.toString());

    // not an address: refused, not answered [] as if the person had no records
    for (String notAnAddress :
        List.of(
            "not an address",
            "jean.tremblay",
            "@",
            "a b@example.org",
            "eclaireur@example.org,",
            "<eclaireur@example.org>",
            "eclaireur@example.org.",
            "a..b@example.org",
            "a@b")) {
      String said = refused("person", "find", "--email", notAnAddress);
      assertTrue(said.contains("--email takes an email address"), said);
    }
  }

  @Test
  void aBodyKeptAsReceived_isFoundExportedWithItsTextAndErasedWithEveryIndexEntry()
      throws Exception {
    String address = "brut." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    // a partner's form posted as text: kept for review as received, no space in it
    HttpResponse<String> response =
        api.post(
            "/forms/html-partenaire",
            "text/plain",
            ("type=besoin&courriel=" + address + "&detresse=oui").getBytes(StandardCharsets.UTF_8),
            "Accept",
            "application/json");
    assertEquals(201, response.statusCode(), response.body());
    String id = Api.json(response).get("id").asText();

    JsonNode found = tool(0, "person", "find", "--email", address);
    assertEquals(id, found.get(0).get("id").asText(), found.toString());
    JsonNode exported = tool(0, "person", "export", "--email", address);
    assertTrue(
        exported.toString().contains("type=besoin&courriel=" + address),
        "the person's own text is in the export: " + exported);

    tool(0, "person", "erase", "--email", address);
    assertEquals(0, tool(0, "person", "find", "--email", address).size());
    // no person-index entry of the report is left, whatever address it was filed under
    List<Map<String, AttributeValue>> left =
        stack
            .dynamoDb()
            .scan(
                r ->
                    r.tableName(table)
                        .filterExpression("sk = :sub")
                        .expressionAttributeValues(
                            Map.of(":sub", AttributeValue.fromS("SUB#" + id))))
            .items();
    assertEquals(List.of(), left);
  }

  @Test
  void aWrongPersonKeyIsSaidPlainlyInsteadOfFindingNobody() throws Exception {
    String address = "cle." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    String id = post("/observations", observation(address, "Un aîné semble isolé."));
    JsonNode found = tool(0, "person", "find", "--email", address);
    assertEquals(id, found.get(0).get("id").asText(), found.toString());

    String wrongSecret = "une-autre-cle-que-celle-du-deploiement-0123456789";
    Map<String, String> wrong = new java.util.HashMap<>(environment());
    wrong.put("PERSON_KEY_SECRET", wrongSecret);
    for (String action : List.of("find", "export", "erase")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          Tools.run(
              new String[] {
                "person",
                action,
                "--email",
                address,
                "--endpoint-url",
                stack.dynamoDbEndpoint().toString(),
                "--table",
                table
              },
              Environment.of(wrong),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      String said = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, said);
      assertTrue(said.contains("does not match the deployment's key"), said);
      assertEquals("", out.toString(StandardCharsets.UTF_8), "no [] that reads as nobody");
      assertFalse(said.contains(wrongSecret) || said.contains(SharedLocalStack.personKeySecret()));
    }
    // nothing was erased nor registered under the wrong key
    assertEquals(id, tool(0, "person", "find", "--email", address).get(0).get("id").asText());
    String wrongKey = ca.relais.core.privacy.PersonKey.fromSecret(wrongSecret).of(address);
    assertFalse(tool(0, "person", "register").toString().contains(wrongKey));
    // the table holds the key's check, never the secret
    for (Map<String, AttributeValue> item : scanTable()) {
      assertFalse(item.toString().contains(SharedLocalStack.personKeySecret()), item.toString());
    }
  }

  /** What one run of the tool gave: its exit code and what it printed on each stream. */
  private record ToolRun(int code, String out, String err) {}

  /** Runs the tool on the local stack's table with the given arguments, as agente-test. */
  private static ToolRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--endpoint-url",
            stack.dynamoDbEndpoint().toString(),
            "--table",
            table,
            "--operator",
            "agente-test"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Tools.run(
            all.toArray(String[]::new),
            Environment.of(environment()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new ToolRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Expects a refusal: exit 2, nothing on standard output; returns what it said on stderr. */
  private static String refused(String... args) {
    ToolRun run = run(args);
    assertEquals(2, run.code(), String.join(" ", args) + ": " + run.err());
    assertEquals("", run.out(), String.join(" ", args));
    return run.err();
  }

  private static JsonNode tool(int expectedCode, String... args) throws Exception {
    ToolRun run = run(args);
    assertEquals(expectedCode, run.code(), run.err());
    return JSON.readTree(run.out());
  }

  private static Map<String, String> environment() {
    return Map.of(
        "PERSON_KEY_SECRET", SharedLocalStack.personKeySecret(),
        "AWS_ACCESS_KEY_ID", "local",
        "AWS_SECRET_ACCESS_KEY", "local",
        "AWS_REGION", "ca-central-1");
  }

  private static String post(String path, String json) throws Exception {
    HttpResponse<String> response = api.postJson(path, json);
    assertEquals(201, response.statusCode(), response.body());
    return Api.json(response).get("id").asText();
  }

  private static String observation(String reporter, String description) {
    return """
        {"mrc": "100", "category": "concern", "description": "%s", "distress": false,
         "reporterEmail": "%s", "reporterName": "Gisèle Côté"}
        """
        .formatted(description, reporter);
  }

  /** Waits until the pipeline has sent the submission's emails and marked them in the ledger. */
  private static void awaitLedgerSettled(String id) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      List<Map<String, AttributeValue>> entries =
          stack
              .dynamoDb()
              .query(
                  r ->
                      r.tableName(table)
                          .consistentRead(true)
                          .keyConditionExpression("pk = :pk")
                          .expressionAttributeValues(
                              Map.of(":pk", AttributeValue.fromS("SENT#" + id))))
              .items();
      boolean sent =
          entries.stream()
              .anyMatch(e -> e.containsKey("state") && e.get("state").s().equals("SENT"));
      boolean pending =
          entries.stream()
              .anyMatch(e -> e.containsKey("state") && e.get("state").s().equals("PENDING"));
      if (sent && !pending) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the emails of " + id + " were not sent in time");
  }

  /** The whole table: a test's check that nothing is left, never what the tool does. */
  private static List<Map<String, AttributeValue>> scanTable() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    stack.dynamoDb().scanPaginator(r -> r.tableName(table)).items().forEach(items::add);
    return items;
  }
}
