package ca.relais.local;

import ca.relais.aws.dynamodb.DynamoDbRoutingDirectory;
import ca.relais.aws.dynamodb.DynamoDbSentLedger;
import ca.relais.aws.dynamodb.DynamoDbSubmissionHistory;
import ca.relais.aws.dynamodb.SubmissionItems;
import ca.relais.core.digest.DigestRenderer;
import ca.relais.core.digest.DigestService;
import ca.relais.core.digest.DigestWeek;
import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.model.Territory;
import ca.relais.core.notify.Mailer;
import ca.relais.core.notify.SentLedger;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.Scope;
import ca.relais.core.territory.Mrc;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.local.emulator.EmbeddedDynamoDb;
import ca.relais.local.template.LocalProvisioner;
import ca.relais.local.template.SamTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Measures the digest on DynamoDB Local: one week of submissions across all MRCs (default 10,000),
 * digest timed; then ten times as many submissions in other weeks, digest of the same week timed
 * again. The digest reads each MRC's weeks through the index, so the second figure should barely
 * move. 99 in 100 alerts of the week are recorded as delivered in the sent ledger, as in real life.
 * Emails are rendered and counted, not sent.
 *
 * <pre>
 * java -cp infrastructure/local/target/relais-local.jar ca.relais.local.DigestBenchmark [--week-size 10000]
 * </pre>
 */
public final class DigestBenchmark {

  /** The person key of the benchmark's own ledger entries (a fresh random secret each run). */
  private static final ca.relais.core.privacy.PersonKey BENCHMARK_KEY =
      ca.relais.core.privacy.PersonKey.fromSecret(
          java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());

  /** Runs timed for each figure ({@code --runs}, 5 by default). */
  private static int runCount = 5;

  private static final DigestWeek WEEK = DigestWeek.parse("2026-W47").orElseThrow();

  private DigestBenchmark() {}

  public static void main(String[] args) throws Exception {
    LocalStackSettings.Flags flags = LocalStackSettings.Flags.parse(args);
    int weekSize = Integer.parseInt(flags.value("week-size").orElse("10000"));
    runCount = Integer.parseInt(flags.value("runs").orElse("5"));
    boolean history = !flags.value("history").orElse("yes").equals("no");
    TerritoryDirectory territory = TerritoryDirectory.loadDefault();
    try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0);
        DynamoDbClient dynamoDb =
            DynamoDbClient.builder()
                .region(Region.CA_CENTRAL_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .endpointOverride(dynamo.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(CALLS))
                .build();
        SqsClient unusedSqs =
            SqsClient.builder()
                .region(Region.CA_CENTRAL_1)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      SamTemplate template = SamTemplate.load(LocalStackSettings.findTemplate());
      SamTemplate tablesOnly =
          new SamTemplate(
              template.parameters(), Map.of(), template.tables(), Map.of(), template.raw());
      new LocalProvisioner(dynamoDb, unusedSqs, "ca-central-1").provision(tablesOnly);
      String table = "RelaisTable";
      List<RelayAgent> agents = new ArrayList<>();
      for (Mrc mrc : territory.mrcs()) {
        agents.add(
            new RelayAgent(
                Scope.mrc(mrc.code()),
                "agent." + mrc.code() + "@example.org",
                "Agent",
                Language.FR,
                AgentRole.PRIMARY));
      }
      territory.mrcs().stream()
          .map(Mrc::regionCode)
          .distinct()
          .forEach(
              r ->
                  agents.add(
                      new RelayAgent(
                          Scope.region(r),
                          "team." + r + "@example.org",
                          "Team",
                          Language.FR,
                          AgentRole.PRIMARY)));
      agents.add(
          new RelayAgent(
              Scope.program(), "program@example.org", "Programme", Language.FR, AgentRole.PRIMARY));
      new DynamoDbRoutingDirectory(dynamoDb, table, Clock.systemUTC(), Duration.ZERO)
          .replaceAll(agents);

      Random random = new Random(47);
      long seedStart = System.nanoTime();
      seed(dynamoDb, table, territory, random, weekSize, 0, 0);
      System.out.printf(
          "Seeded %,d submissions in %s in %.1f s%n",
          weekSize, WEEK, (System.nanoTime() - seedStart) / 1e9);
      Map<String, Double> first = variants(dynamoDb, table, territory, agents.size());
      if (!history) {
        first.forEach((variant, median) -> System.out.printf("| %s | %.2f s |%n", variant, median));
        System.exit(0);
      }

      seedStart = System.nanoTime();
      seed(dynamoDb, table, territory, random, weekSize * 10, 6, 60);
      System.out.printf(
          "Seeded %,d more submissions in weeks %s-6 to -60 in %.1f s%n",
          weekSize * 10, WEEK, (System.nanoTime() - seedStart) / 1e9);
      Map<String, Double> second = variants(dynamoDb, table, territory, agents.size());
      System.out.printf(
          "%nDigest of %s (median of %d runs), %,d submissions that week, then with %,d more in"
              + " other weeks:%n",
          WEEK, runCount, weekSize, weekSize * 10);
      for (String variant : first.keySet()) {
        System.out.printf(
            "| %s | %.2f s | %.2f s (x%.2f) |%n",
            variant,
            first.get(variant),
            second.get(variant),
            second.get(variant) / first.get(variant));
      }
    }
    // DynamoDB Local leaves non-daemon threads behind for minutes after it stops.
    System.exit(0);
  }

  /** As the digest function reads the MRCs' weeks. */
  private static final java.util.concurrent.Executor READS =
      ca.relais.aws.snapstart.DryRunExecutor.fixed(4, "digest-read");

  /** DynamoDB calls of a digest run: how many of each operation and their time. */
  private static final CallTimes CALLS = new CallTimes();

  private static final class CallTimes implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("started");
    private final Map<String, long[]> byOperation = new ConcurrentHashMap<>();

    /** Keys asked by BatchGetItem, by what they read: calls and keys. */
    private final Map<String, long[]> byRead = new ConcurrentHashMap<>();

    void reset() {
      byOperation.clear();
      byRead.clear();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      attributes.putAttribute(STARTED, System.nanoTime());
      if (context.request()
          instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest batch) {
        batch
            .requestItems()
            .values()
            .forEach(
                keys -> {
                  Map<String, Integer> counts = new java.util.TreeMap<>();
                  for (var key : keys.keys()) {
                    counts.merge(
                        whatItReads(key.get("sk").s(), keys.projectionExpression()),
                        1,
                        Integer::sum);
                  }
                  counts.forEach(
                      (read, n) -> {
                        long[] totals = byRead.computeIfAbsent(read, k -> new long[2]);
                        synchronized (totals) {
                          totals[0]++;
                          totals[1] += n;
                        }
                      });
                });
      }
    }

    private static String whatItReads(String sk, String projection) {
      if (sk.equals("SUBMISSION")) {
        return projection != null && projection.contains("takenAt")
            ? "taken status"
            : "submission items";
      }
      if (sk.startsWith("UNDELIVERABLE#")) {
        return "UNDELIVERABLE#{kind}";
      }
      if (sk.startsWith("TEMPORARY#")) {
        return "TEMPORARY#{kind}";
      }
      return sk.contains("#") ? "other" : "{kind} markers";
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      long took = System.nanoTime() - attributes.getAttribute(STARTED);
      long[] totals =
          byOperation.computeIfAbsent(
              attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new long[2]);
      synchronized (totals) {
        totals[0]++;
        totals[1] += took;
      }
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      new java.util.TreeMap<>(byOperation)
          .forEach(
              (operation, totals) ->
                  out.append(
                      String.format(
                          "%s%s %d in %.2f s",
                          out.length() == 0 ? "" : ", ", operation, totals[0], totals[1] / 1e9)));
      out.append("; BatchGetItem by what it reads (calls/keys):");
      new java.util.TreeMap<>(byRead)
          .forEach(
              (read, totals) -> out.append(String.format(" %s %d/%d", read, totals[0], totals[1])));
      return out.toString();
    }
  }

  /**
   * The digest with three ways of reading the week's deliveries: the ledger as it is (one marker a
   * submission with its flags, batches in parallel), the same one batch after the other, and the
   * sent markers only, 100 a batch (before the bounce tracking, 2ce91a8: what the README's 1.45 s
   * was measured with; it cannot list bounced alerts).
   */
  private static Map<String, Double> variants(
      DynamoDbClient dynamoDb, String table, TerritoryDirectory territory, int expected) {
    Map<String, SentLedger> ledgers = new java.util.LinkedHashMap<>();
    ledgers.put(
        "one marker a submission with its flags, batches in parallel (now)",
        new DynamoDbSentLedger(dynamoDb, table, BENCHMARK_KEY));
    ledgers.put(
        "one marker a submission with its flags, batches one after the other",
        new DynamoDbSentLedger(dynamoDb, table, BENCHMARK_KEY, 1));
    ledgers.put(
        "sent marker only, 100 a batch (2ce91a8, before bounce tracking)",
        new SentMarkersOnly(
            new DynamoDbSentLedger(dynamoDb, table, BENCHMARK_KEY, 1), dynamoDb, table));
    // one round not counted (the JIT warms up), then rounds of the three in turn: the machine's
    // load and the warming weigh on all three alike
    ledgers.values().forEach(l -> timeDigest(l, dynamoDb, table, territory, expected));
    Map<String, double[]> runs = new java.util.LinkedHashMap<>();
    ledgers.keySet().forEach(name -> runs.put(name, new double[runCount]));
    for (int round = 0; round < runCount; round++) {
      for (Map.Entry<String, SentLedger> ledger : ledgers.entrySet()) {
        runs.get(ledger.getKey())[round] =
            timeDigest(ledger.getValue(), dynamoDb, table, territory, expected);
      }
    }
    Map<String, Double> medians = new java.util.LinkedHashMap<>();
    runs.forEach(
        (name, times) -> {
          java.util.Arrays.sort(times);
          medians.put(name, times[runCount / 2]);
        });
    return medians;
  }

  /** The ledger's reading before bounce tracking: one marker a submission, 100 keys a batch. */
  private static final class SentMarkersOnly implements SentLedger {
    private final SentLedger real;
    private final DynamoDbClient dynamoDb;
    private final String table;

    SentMarkersOnly(SentLedger real, DynamoDbClient dynamoDb, String table) {
      this.real = real;
      this.dynamoDb = dynamoDb;
      this.table = table;
    }

    @Override
    public Claim claim(String submissionId, String emailKey, Instant now, Duration staleAfter) {
      return real.claim(submissionId, emailKey, now, staleAfter);
    }

    @Override
    public void markSent(String submissionId, String emailKey, String messageId, Instant now) {
      real.markSent(submissionId, emailKey, messageId, now);
    }

    @Override
    public void release(String submissionId, String emailKey) {
      real.release(submissionId, emailKey);
    }

    @Override
    public void markUndeliverable(String submissionId, String emailKey, String reason, Instant at) {
      real.markUndeliverable(submissionId, emailKey, reason, at);
    }

    @Override
    public String emailKey(String kind, String address) {
      return real.emailKey(kind, address);
    }

    @Override
    public boolean holdRecipientWindow(
        String kind, String recipientKey, String submissionId, Instant now, Duration window) {
      return real.holdRecipientWindow(kind, recipientKey, submissionId, now, window);
    }

    @Override
    public void markTemporarilyUndelivered(
        String submissionId, String emailKey, String reason, Instant at) {
      real.markTemporarilyUndelivered(submissionId, emailKey, reason, at);
    }

    @Override
    public Deliveries deliveriesAmong(java.util.Collection<String> submissionIds, String kind) {
      List<String> ids = submissionIds.stream().distinct().toList();
      Set<String> sent = new java.util.HashSet<>();
      for (int from = 0; from < ids.size(); from += 100) {
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> keys =
            ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                .map(
                    id ->
                        Map.of(
                            "pk",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                "SENT#" + id),
                            "sk",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                kind)))
                .toList();
        Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> request =
            Map.of(
                table,
                software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                    .keys(keys)
                    .projectionExpression("pk")
                    .build());
        while (!request.isEmpty()) {
          var pending = request;
          var response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
          response
              .responses()
              .getOrDefault(table, List.of())
              .forEach(item -> sent.add(item.get("pk").s().substring("SENT#".length())));
          request = response.unprocessedKeys();
        }
      }
      return new Deliveries(sent, Set.of());
    }
  }

  private static double timeDigest(
      SentLedger ledger,
      DynamoDbClient dynamoDb,
      String table,
      TerritoryDirectory territory,
      int expected) {
    AtomicInteger emails = new AtomicInteger();
    Mailer counting = email -> "bench-" + emails.incrementAndGet();
    DigestService digest =
        new DigestService(
            new DynamoDbSubmissionHistory(dynamoDb, table),
            new DynamoDbRoutingDirectory(dynamoDb, table, Clock.systemUTC(), Duration.ZERO),
            territory,
            new DigestRenderer(),
            counting,
            new FreshClaims(ledger),
            Clock.systemUTC(),
            new ca.relais.aws.dynamodb.DynamoDbFollowUps(dynamoDb, table),
            READS);
    CALLS.reset();
    long start = System.nanoTime();
    DigestService.Result result = digest.run(WEEK);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "Digest %s: %d emails rendered (%d agents and teams) in %.2f s; DynamoDB calls: %s%n",
        result.week(), emails.get(), expected - 1, seconds, CALLS);
    return seconds;
  }

  /**
   * Seeds submissions spread over weeks {@code [fromWeeksBack, toWeeksBack]} before the benchmark
   * week.
   */
  private static void seed(
      DynamoDbClient dynamoDb,
      String table,
      TerritoryDirectory territory,
      Random random,
      int count,
      int fromWeeksBack,
      int toWeeksBack) {
    SentLedger ledger = new DynamoDbSentLedger(dynamoDb, table, BENCHMARK_KEY);
    List<Mrc> mrcs = territory.mrcs();
    List<WriteRequest> batch = new ArrayList<>(25);
    for (int i = 0; i < count; i++) {
      Mrc mrc = mrcs.get(random.nextInt(mrcs.size()));
      int weeksBack =
          fromWeeksBack
              + (toWeeksBack > fromWeeksBack ? random.nextInt(toWeeksBack - fromWeeksBack + 1) : 0);
      DigestWeek week = WEEK.minusWeeks(weeksBack);
      Instant at = week.start().plusSeconds(random.nextInt(7 * 24 * 3600));
      String id =
          (i % 5 == 0 ? "S" : "O")
              + String.format("-%s-%08d", "20260101", weeksBack * 10_000_000 + i);
      Territory t =
          new Territory(
              mrc.code(),
              mrc.name(),
              mrc.regionCode(),
              mrc.regionCode(),
              Optional.empty(),
              Optional.empty());
      Submission s =
          i % 5 == 0
              ? new Submission(
                  id,
                  at,
                  new SignUp(
                      "Prénom",
                      "Nom",
                      "p" + i + "@example.org",
                      Optional.empty(),
                      t,
                      Set.of(Role.WATCH),
                      Language.FR,
                      Optional.empty(),
                      Optional.empty()))
              : new Submission(
                  id,
                  at,
                  new Observation(
                      t,
                      Category.values()[i % 3],
                      "Observation " + i,
                      i % 17 == 0,
                      Optional.empty(),
                      Optional.empty(),
                      "e@example.org",
                      Optional.empty(),
                      Language.FR));
      Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
          SubmissionItems.toItem(s, at.plus(Duration.ofDays(730)));
      batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      if (weeksBack == 0 && i % 100 != 0) {
        // as in real life, nearly every alert of the week was delivered (1 in 100 was not)
        ledger.markSent(id, "alert#bench", "bench-alert-" + i, at);
      }
      if (batch.size() == 25 || i == count - 1) {
        Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
        while (!pending.isEmpty()) {
          Map<String, List<WriteRequest>> request = pending;
          pending = dynamoDb.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
        }
        batch.clear();
      }
    }
  }

  /**
   * The real ledger's delivery records, but digest claims kept in memory: each run sends afresh.
   */
  private static final class FreshClaims implements SentLedger {
    private final SentLedger real;
    private final Map<String, Boolean> claims = new ConcurrentHashMap<>();

    FreshClaims(SentLedger real) {
      this.real = real;
    }

    @Override
    public String emailKey(String kind, String address) {
      return real.emailKey(kind, address);
    }

    @Override
    public Claim claim(String submissionId, String emailKey, Instant now, Duration staleAfter) {
      return claims.putIfAbsent(submissionId + emailKey, true) == null
          ? Claim.CLAIMED
          : Claim.ALREADY_SENT;
    }

    @Override
    public void markSent(String submissionId, String emailKey, String messageId, Instant now) {}

    @Override
    public void release(String submissionId, String emailKey) {
      claims.remove(submissionId + emailKey);
    }

    @Override
    public boolean holdRecipientWindow(
        String kind, String recipientKey, String submissionId, Instant now, Duration window) {
      return true;
    }

    @Override
    public void markUndeliverable(String submissionId, String emailKey, String reason, Instant at) {
      real.markUndeliverable(submissionId, emailKey, reason, at);
    }

    @Override
    public void markTemporarilyUndelivered(
        String submissionId, String emailKey, String reason, Instant at) {
      real.markTemporarilyUndelivered(submissionId, emailKey, reason, at);
    }

    @Override
    public Deliveries deliveriesAmong(java.util.Collection<String> submissionIds, String kind) {
      return real.deliveriesAmong(submissionIds, kind);
    }
  }
}
