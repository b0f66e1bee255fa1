package ca.relais.local.smoke;

import ca.relais.core.notify.SentLedger;
import ca.relais.core.territory.TestTerritory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A smoke test of a deployment, or of the local stack: posts a sign-up and an observation to the
 * {@link TestTerritory} and follows them to the email, without ever alerting a real agent. It
 * checks the answers (201 and a reference), that each submission was stored (in the test
 * territory), and that SES accepted each email for the test recipient and for nobody else (the
 * sent-email ledger). It only reads the table ({@code GetItem}, {@code Query}), and each failure
 * says what was expected and what was found.
 *
 * <p>Needs a routing directory that names {@value #RECIPIENT} for MRC {@value
 * TestTerritory#MRC_CODE} (else the test territory does not exist: intake answers 400 on {@code
 * mrc}).
 */
public final class DeploymentSmoke {

  /** SES's mailbox simulator: accepts and delivers, nobody reads it. */
  public static final String RECIPIENT = "success@simulator.amazonses.com";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI api;
  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final Duration patience;
  private final ca.relais.core.privacy.PersonKey personKey;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param api the deployment's {@code ApiUrl} (or the local gateway)
   * @param dynamoDb a client allowed to read the table
   * @param tableName the deployment's {@code TableName}
   * @param patience how long to wait for a record or an email
   * @param personKey the deployment's person key ({@code PersonKeySecret}): the sent ledger names
   *     recipients by its keyed HMAC only
   */
  public DeploymentSmoke(
      URI api,
      DynamoDbClient dynamoDb,
      String tableName,
      Duration patience,
      ca.relais.core.privacy.PersonKey personKey) {
    this.personKey = personKey;
    this.api = api.toString().endsWith("/") ? api : URI.create(api + "/");
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.patience = patience;
  }

  /** What the run found: the references posted. */
  public record Result(String signUp, String observation) {}

  /**
   * Runs the whole smoke test.
   *
   * @throws SmokeFailure naming the step that failed, what was expected and what was found
   */
  public Result run() throws InterruptedException {
    String tag = Long.toString(System.currentTimeMillis(), 36);
    String signUp =
        post(
            "/signups",
            """
            {"firstName": "Essai", "lastName": "Fumée %s", "email": "%s", "mrc": "%s",
             "roles": ["watch"], "consent": true, "language": "fr",
             "message": "Test de fumée d'un déploiement (aucune personne réelle)."}"""
                .formatted(tag, RECIPIENT, TestTerritory.MRC_CODE));
    String observation =
        post(
            "/observations",
            """
            {"mrc": "%s", "category": "good_news", "distress": false, "language": "fr",
             "description": "Test de fumée %s d'un déploiement : aucune situation réelle.",
             "reporterEmail": "%s"}"""
                .formatted(TestTerritory.MRC_CODE, tag, RECIPIENT));
    stored(signUp);
    stored(observation);
    accepted(signUp, Set.of("alert", "confirmation"));
    accepted(observation, Set.of("alert"));
    return new Result(signUp, observation);
  }

  /** Posts JSON; the answer must be 201 with the reference in {@code id}. */
  private String post(String path, String json) throws InterruptedException {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(api.resolve(path.substring(1)))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SmokeFailure("POST " + path + ": no answer from " + api + " (" + e + ")");
    }
    if (response.statusCode() != 201) {
      throw new SmokeFailure(
          "POST "
              + path
              + ": expected 201, got "
              + response.statusCode()
              + " "
              + response.body()
              + (response.statusCode() == 400 && response.body().contains("mrc")
                  ? " (is "
                      + RECIPIENT
                      + " the recipient of MRC "
                      + TestTerritory.MRC_CODE
                      + " in the routing directory?)"
                  : ""));
    }
    try {
      JsonNode id = JSON.readTree(response.body()).path("id");
      if (!id.isTextual() || id.asText().isBlank()) {
        throw new SmokeFailure("POST " + path + ": 201 without a reference id: " + response.body());
      }
      return id.asText();
    } catch (IOException e) {
      throw new SmokeFailure(
          "POST " + path + ": 201 with a body that is no JSON: " + response.body());
    }
  }

  /** The submission is in the table, in the test territory. */
  private void stored(String id) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    Map<String, AttributeValue> item = Map.of();
    while (item.isEmpty() && System.nanoTime() < deadline) {
      item =
          dynamoDb
              .getItem(
                  r ->
                      r.tableName(tableName)
                          .consistentRead(true)
                          .key(
                              Map.of(
                                  "pk", AttributeValue.fromS("SUB#" + id),
                                  "sk", AttributeValue.fromS("SUBMISSION"))))
              .item();
      if (item.isEmpty()) {
        Thread.sleep(500);
      }
    }
    if (item.isEmpty()) {
      throw new SmokeFailure("Submission " + id + " answered 201 but is not in table " + tableName);
    }
    String mrc = Optional.ofNullable(item.get("mrcCode")).map(AttributeValue::s).orElse("(none)");
    if (!TestTerritory.isMrcCode(mrc)) {
      throw new SmokeFailure(
          "Submission " + id + " was stored in MRC " + mrc + ", not the test territory");
    }
  }

  /**
   * SES accepted one email of each kind for the test recipient (the ledger says SENT), and the
   * submission's ledger names no other recipient.
   */
  private void accepted(String id, Set<String> kinds) throws InterruptedException {
    Set<String> expected = new TreeSet<>();
    kinds.forEach(kind -> expected.add(SentLedger.emailKey(kind, RECIPIENT, personKey)));
    long deadline = System.nanoTime() + patience.toNanos();
    List<String> sent = List.of();
    List<String> others = List.of();
    while (System.nanoTime() < deadline) {
      List<Map<String, AttributeValue>> ledger = ledgerOf(id);
      sent =
          ledger.stream()
              .filter(e -> "SENT".equals(text(e, "state")))
              .map(e -> text(e, "sk"))
              .filter(expected::contains)
              .toList();
      others =
          ledger.stream()
              .map(e -> text(e, "sk"))
              .filter(sk -> sk.contains("#") && !sk.startsWith("UNDELIVERABLE#"))
              .filter(sk -> !expected.contains(sk))
              .toList();
      if (!others.isEmpty() || sent.size() == expected.size()) {
        break;
      }
      Thread.sleep(1000);
    }
    if (!others.isEmpty()) {
      throw new SmokeFailure(
          "Submission " + id + " was sent to recipients other than " + RECIPIENT + ": " + others);
    }
    if (sent.size() != expected.size()) {
      List<String> missing = new ArrayList<>(expected);
      missing.removeAll(sent);
      throw new SmokeFailure(
          "Submission "
              + id
              + ": SES did not accept the "
              + missing.stream().map(k -> k.substring(0, k.indexOf('#'))).toList()
              + " email(s) for "
              + RECIPIENT
              + " within "
              + patience.toSeconds()
              + " s (see the notify function's logs and the alert dead-letter queue)");
    }
  }

  private List<Map<String, AttributeValue>> ledgerOf(String id) {
    return dynamoDb
        .query(
            r ->
                r.tableName(tableName)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SENT#" + id))))
        .items();
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.s() == null ? "" : value.s();
  }

  /** A step of the smoke test failed; the message says which and why. */
  public static final class SmokeFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    SmokeFailure(String message) {
      super("Smoke test failed: " + message);
    }
  }
}
