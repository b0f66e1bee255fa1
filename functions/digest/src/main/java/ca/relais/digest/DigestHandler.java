package ca.relais.digest;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.aws.dynamodb.DynamoDbFollowUps;
import ca.relais.aws.dynamodb.DynamoDbRoutingDirectory;
import ca.relais.aws.dynamodb.DynamoDbSentLedger;
import ca.relais.aws.dynamodb.DynamoDbSubmissionHistory;
import ca.relais.aws.ses.SesMailer;
import ca.relais.aws.snapstart.DryRunExecutor;
import ca.relais.aws.snapstart.SnapStartPriming;
import ca.relais.core.config.Environment;
import ca.relais.core.digest.DigestRenderer;
import ca.relais.core.digest.DigestService;
import ca.relais.core.digest.DigestWeek;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.privacy.PersonKey;
import ca.relais.core.territory.TerritoryDirectory;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The weekly digest. The event says which week: {@code {"week": "previous"}} (the schedule's input:
 * the week that ended at the last Monday 00:00, Québec time) or {@code {"week": "2026-W47"}}; with
 * {@code "preview": true} any week, the current one included, is sent marked as a preview and
 * nothing is claimed. A week that has not ended (without preview) or is not a week is refused with
 * {@code {"error": "week_not_ended" | "bad_week", "message": "…"}} and nothing is sent or claimed.
 * When a scope failed, the run fails after all others are done, and the scheduler's retry sends
 * only what is missing.
 */
public final class DigestHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private static final StructuredLogger LOG = StructuredLogger.forComponent(DigestHandler.class);

  /** MRC weeks read at once (each reads its ledger batches on a pool of its own). */
  private static final int READS_AT_ONCE = 4;

  private final DigestService digest;
  private final Clock clock;
  private final SnapStartPriming priming;

  /** Lambda's constructor: real clients from the environment that {@code template.yaml} sets. */
  public DigestHandler() {
    this(Environment.system());
  }

  private DigestHandler(Environment environment) {
    this(
        service(
            environment,
            AwsClientSettings.forFunction(environment),
            environment.require("TABLE_NAME")),
        Clock.systemUTC());
  }

  private static DigestService service(
      Environment environment, AwsClientSettings aws, String table) {
    DynamoDbClient dynamoDb = DynamoDbClients.create(aws);
    return new DigestService(
        new DynamoDbSubmissionHistory(dynamoDb, table),
        new DynamoDbRoutingDirectory(dynamoDb, table, Clock.systemUTC(), Duration.ZERO),
        TerritoryDirectory.loadDefault(),
        new DigestRenderer(),
        new SesMailer(
            SesMailer.client(aws),
            environment.require("SENDER_EMAIL"),
            environment.get("REPLY_TO_EMAIL"),
            environment.get("SES_CONFIGURATION_SET")),
        new DynamoDbSentLedger(dynamoDb, table, PersonKey.fromEnvironment(environment)),
        Clock.systemUTC(),
        new DynamoDbFollowUps(dynamoDb, table),
        DryRunExecutor.fixed(READS_AT_ONCE, "digest-read"));
  }

  DigestHandler(DigestService digest, Clock clock) {
    this.digest = digest;
    this.clock = clock;
    this.priming = SnapStartPriming.register("digest", this::prime);
  }

  /**
   * SnapStart priming (before the snapshot): the previous week's digest, its reads signed, not sent
   * (every scope then fails, which only priming sees; nothing is sent or recorded).
   */
  void prime() {
    digest.run(DigestWeek.previous(clock.instant()));
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String requested =
        Optional.ofNullable(event).map(e -> e.get("week")).map(String::valueOf).orElse("previous");
    boolean preview =
        Optional.ofNullable(event)
            .map(e -> e.get("preview"))
            .map(v -> Boolean.parseBoolean(String.valueOf(v)))
            .orElse(false);
    Optional<DigestWeek> week =
        requested.equals("previous")
            ? Optional.of(DigestWeek.previous(clock.instant()))
            : DigestWeek.parse(requested);
    Map<String, Object> answer = new LinkedHashMap<>();
    if (week.isEmpty()) {
      LOG.error("digest.bad_week", "week", requested.length() > 20 ? "(too long)" : requested);
      answer.put("error", "bad_week");
      answer.put(
          "message",
          "La semaine doit être \"previous\" ou une semaine ISO comme 2026-W47. / week must be"
              + " \"previous\" or an ISO week such as 2026-W47");
      return answer;
    }
    if (!preview && week.get().end().isAfter(clock.instant())) {
      // claiming an unfinished week would leave its real Monday run nothing to send
      LOG.warn("digest.week_not_ended", "week", week.get().toString());
      answer.put("error", "week_not_ended");
      answer.put(
          "message",
          "La semaine "
              + week.get()
              + " n’est pas terminée (heure du Québec) : rien n’a été envoyé ni réservé; pour la"
              + " voir, \"preview\": true. / Week "
              + week.get()
              + " has not ended (Québec time): nothing was sent or claimed; to see it, \"preview\":"
              + " true");
      return answer;
    }
    DigestService.Result result = digest.run(week.get(), preview);
    answer.put("week", result.week().toString());
    if (preview) {
      answer.put("preview", true);
    }
    answer.put("sent", result.sent());
    answer.put("alreadySent", result.alreadySent());
    answer.put("failedScopes", result.failedScopes());
    if (!result.complete()) {
      throw new IllegalStateException(
          "Digest "
              + result.week()
              + " incomplete for "
              + result.failedScopes().size()
              + " scopes; retry sends the rest");
    }
    return answer;
  }
}
