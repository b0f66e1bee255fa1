package ca.relais.aws.dynamodb;

import ca.relais.aws.snapstart.DryRun;
import ca.relais.core.notify.SentLedger;
import ca.relais.core.privacy.PersonKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The sent-email ledger in the Relais table: {@code pk = SENT#{submissionId}}, {@code sk =
 * {kind}#{personKey(recipient)}} (the keyed HMAC of {@link PersonKey}), state PENDING then SENT,
 * kept 30 days (longer than any message stays on the queue). Marking an email sent also writes, in
 * the same transaction, a marker {@code sk = {kind}} that says "at least one email of this kind
 * went out"; a bounce reported later sets the entry UNDELIVERABLE (it is never claimed again) with
 * a marker {@code sk = UNDELIVERABLE#{kind}}; a transient bounce only writes the marker {@code sk =
 * TEMPORARY#{kind}}. Each of the three also sets a flag ({@code sent}, {@code undeliverable},
 * {@code temporary}) on the marker {@code sk = {kind}} (created if need be), so that {@link
 * #deliveriesAmong} reads one key a submission with batched gets.
 *
 * <p>A recipient's window ({@link #holdRecipientWindow}): {@code pk = WINDOW#{kind}#{recipient
 * key}}, {@code sk = WINDOW}, the holding submission and when it took the window, expiring with the
 * window.
 */
public final class DynamoDbSentLedger implements SentLedger {

  static final Duration KEEP = Duration.ofDays(30);

  private static final String PK_PREFIX = "SENT#";

  private static final String WINDOW_PREFIX = "WINDOW#";

  /** The marker "an email of this kind bounced": {@code sk = UNDELIVERABLE#{kind}}. */
  private static final String UNDELIVERABLE_PREFIX = "UNDELIVERABLE#";

  /**
   * The marker "an email of this kind was turned away for now" (a transient bounce): {@code sk =
   * TEMPORARY#{kind}}, with the last reason and time; the entry itself is left as it is.
   */
  private static final String TEMPORARY_PREFIX = "TEMPORARY#";

  /** On the marker {@code sk = {kind}}: an email of the kind went out. */
  private static final String SENT_FLAG = "sent";

  /** On the marker {@code sk = {kind}}: an email of the kind bounced (as the marker below). */
  private static final String UNDELIVERABLE_FLAG = "undeliverable";

  /** On the marker {@code sk = {kind}}: an email of the kind was turned away for now. */
  private static final String TEMPORARY_FLAG = "temporary";

  /** BatchGetItem takes at most 100 keys. */
  private static final int BATCH_GET_LIMIT = 100;

  /** Unprocessed keys (throttling) are asked again this many times at most. */
  private static final int MAX_BATCH_ATTEMPTS = 5;

  /** Batched gets in flight at once, for one digest scope (at most). */
  static final int PARALLEL_READS = 4;

  /** Daemon threads: a function's invocation never waits for them to end. */
  private static final ExecutorService READERS =
      Executors.newFixedThreadPool(
          PARALLEL_READS,
          task -> {
            Thread thread = new Thread(task, "sent-ledger-read");
            thread.setDaemon(true);
            return thread;
          });

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final PersonKey personKey;
  private final int parallelReads;

  public DynamoDbSentLedger(DynamoDbClient dynamoDb, String tableName, PersonKey personKey) {
    this(dynamoDb, tableName, personKey, PARALLEL_READS);
  }

  /**
   * @param parallelReads 1: the batched gets of {@link #deliveriesAmong} one after the other (for
   *     benchmarks); 2 to {@link #PARALLEL_READS}: up to {@link #PARALLEL_READS} at once
   */
  public DynamoDbSentLedger(
      DynamoDbClient dynamoDb, String tableName, PersonKey personKey, int parallelReads) {
    if (parallelReads < 1 || parallelReads > PARALLEL_READS) {
      throw new IllegalArgumentException("parallelReads must be 1 to " + PARALLEL_READS);
    }
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.personKey = personKey;
    this.parallelReads = parallelReads;
  }

  @Override
  public String emailKey(String kind, String address) {
    return SentLedger.emailKey(kind, address, personKey);
  }

  @Override
  public Claim claim(String submissionId, String emailKey, Instant now, Duration staleAfter) {
    try {
      dynamoDb.putItem(
          r ->
              r.tableName(tableName)
                  .item(
                      Map.of(
                          TableLayout.PK,
                          AttributeValue.fromS(pk(submissionId)),
                          TableLayout.SK,
                          AttributeValue.fromS(emailKey),
                          TableLayout.RECORD_TYPE,
                          AttributeValue.fromS("SENT"),
                          "state",
                          AttributeValue.fromS("PENDING"),
                          "claimedAt",
                          SubmissionItems.number(now.getEpochSecond()),
                          TableLayout.EXPIRES_AT,
                          SubmissionItems.number(now.plus(KEEP).getEpochSecond())))
                  .conditionExpression(
                      "attribute_not_exists(#pk) OR (#state = :pending AND claimedAt < :stale)")
                  .expressionAttributeNames(Map.of("#pk", TableLayout.PK, "#state", "state"))
                  .expressionAttributeValues(
                      Map.of(
                          ":pending", AttributeValue.fromS("PENDING"),
                          ":stale",
                              SubmissionItems.number(now.minus(staleAfter).getEpochSecond()))));
      return Claim.CLAIMED;
    } catch (ConditionalCheckFailedException taken) {
      Map<String, AttributeValue> item =
          dynamoDb
              .getItem(
                  r -> r.tableName(tableName).consistentRead(true).key(key(submissionId, emailKey)))
              .item();
      String state = item != null && item.containsKey("state") ? item.get("state").s() : "";
      // an undeliverable email was sent once and bounced: sending again would bounce again
      return state.equals("SENT") || state.equals("UNDELIVERABLE")
          ? Claim.ALREADY_SENT
          : Claim.IN_FLIGHT;
    }
  }

  @Override
  public void markSent(String submissionId, String emailKey, String messageId, Instant now) {
    Update sent =
        Update.builder()
            .tableName(tableName)
            .key(key(submissionId, emailKey))
            .updateExpression("SET #state = :sent, sentAt = :at, messageId = :id")
            .expressionAttributeNames(Map.of("#state", "state"))
            .expressionAttributeValues(
                Map.of(
                    ":sent", AttributeValue.fromS("SENT"),
                    ":at", AttributeValue.fromS(now.toString()),
                    ":id", AttributeValue.fromS(messageId)))
            .build();
    dynamoDb.transactWriteItems(
        r ->
            r.transactItems(
                TransactWriteItem.builder().update(sent).build(),
                TransactWriteItem.builder()
                    .update(flag(submissionId, SentLedger.kindOf(emailKey), SENT_FLAG, now, true))
                    .build()));
  }

  @Override
  public void release(String submissionId, String emailKey) {
    try {
      dynamoDb.deleteItem(
          r ->
              r.tableName(tableName)
                  .key(key(submissionId, emailKey))
                  .conditionExpression("#state = :pending")
                  .expressionAttributeNames(Map.of("#state", "state"))
                  .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS("PENDING"))));
    } catch (ConditionalCheckFailedException alreadySent) {
      // nothing to give back
    }
  }

  @Override
  public boolean holdRecipientWindow(
      String kind, String recipientKey, String submissionId, Instant now, Duration window) {
    Map<String, AttributeValue> key =
        Map.of(
            TableLayout.PK,
            AttributeValue.fromS(WINDOW_PREFIX + kind + "#" + recipientKey),
            TableLayout.SK,
            AttributeValue.fromS("WINDOW"));
    try {
      Map<String, AttributeValue> item = new java.util.HashMap<>(key);
      item.put(TableLayout.RECORD_TYPE, AttributeValue.fromS("SENT"));
      item.put("submissionId", AttributeValue.fromS(submissionId));
      item.put("heldAt", SubmissionItems.number(now.getEpochSecond()));
      item.put(TableLayout.EXPIRES_AT, SubmissionItems.number(now.plus(window).getEpochSecond()));
      dynamoDb.putItem(
          r ->
              r.tableName(tableName)
                  .item(item)
                  .conditionExpression("attribute_not_exists(#pk) OR heldAt <= :start")
                  .expressionAttributeNames(Map.of("#pk", TableLayout.PK))
                  .expressionAttributeValues(
                      Map.of(
                          ":start", SubmissionItems.number(now.minus(window).getEpochSecond()))));
      return true;
    } catch (ConditionalCheckFailedException held) {
      // held, and not since long enough: by this submission (a redelivery may send, the window
      // keeps its start) or by another one
      Map<String, AttributeValue> holder =
          dynamoDb.getItem(r -> r.tableName(tableName).consistentRead(true).key(key)).item();
      return holder != null
          && holder.containsKey("submissionId")
          && holder.get("submissionId").s().equals(submissionId);
    }
  }

  @Override
  public void markUndeliverable(String submissionId, String emailKey, String reason, Instant at) {
    Update undeliverable =
        Update.builder()
            .tableName(tableName)
            .key(key(submissionId, emailKey))
            .updateExpression(
                "SET #state = :undeliverable, undeliverableAt = :at, reason = :reason,"
                    + " #type = if_not_exists(#type, :type), #expires = if_not_exists(#expires, :expires)")
            .expressionAttributeNames(
                Map.of(
                    "#state", "state",
                    "#type", TableLayout.RECORD_TYPE,
                    "#expires", TableLayout.EXPIRES_AT))
            .expressionAttributeValues(
                Map.of(
                    ":undeliverable", AttributeValue.fromS("UNDELIVERABLE"),
                    ":at", AttributeValue.fromS(at.toString()),
                    ":reason", AttributeValue.fromS(reason),
                    ":type", AttributeValue.fromS("SENT"),
                    ":expires", SubmissionItems.number(at.plus(KEEP).getEpochSecond())))
            .build();
    dynamoDb.transactWriteItems(
        r ->
            r.transactItems(
                TransactWriteItem.builder().update(undeliverable).build(),
                TransactWriteItem.builder()
                    .put(
                        marker(
                            submissionId, UNDELIVERABLE_PREFIX + SentLedger.kindOf(emailKey), at))
                    .build(),
                TransactWriteItem.builder()
                    .update(
                        flag(
                            submissionId,
                            SentLedger.kindOf(emailKey),
                            UNDELIVERABLE_FLAG,
                            at,
                            false))
                    .build()));
  }

  @Override
  public void markTemporarilyUndelivered(
      String submissionId, String emailKey, String reason, Instant at) {
    Map<String, AttributeValue> item =
        new HashMap<>(
            marker(submissionId, TEMPORARY_PREFIX + SentLedger.kindOf(emailKey), at).item());
    item.put("reason", AttributeValue.fromS(reason));
    item.put("at", AttributeValue.fromS(at.toString()));
    dynamoDb.transactWriteItems(
        r ->
            r.transactItems(
                TransactWriteItem.builder()
                    .put(Put.builder().tableName(tableName).item(item).build())
                    .build(),
                TransactWriteItem.builder()
                    .update(
                        flag(submissionId, SentLedger.kindOf(emailKey), TEMPORARY_FLAG, at, false))
                    .build()));
  }

  @Override
  public Deliveries deliveriesAmong(Collection<String> submissionIds, String kind) {
    Set<String> sent = new HashSet<>();
    Set<String> undeliverable = new HashSet<>();
    Set<String> temporary = new HashSet<>();
    List<String> ids = submissionIds.stream().distinct().toList();
    // one marker a submission, its flags tell the rest: 100 submissions fill one BatchGetItem; the
    // batches are read at once
    List<List<Map<String, AttributeValue>>> batches = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += BATCH_GET_LIMIT) {
      batches.add(
          ids.subList(from, Math.min(ids.size(), from + BATCH_GET_LIMIT)).stream()
              .map(id -> key(id, kind))
              .toList());
    }
    for (Map<String, AttributeValue> item : batchGetAll(batches)) {
      String id = item.get(TableLayout.PK).s().substring(PK_PREFIX.length());
      boolean bounced = item.containsKey(UNDELIVERABLE_FLAG);
      boolean turnedAway = item.containsKey(TEMPORARY_FLAG);
      // a marker of before the flags has none: it was written when an email went out
      if (item.containsKey(SENT_FLAG) || !(bounced || turnedAway)) {
        sent.add(id);
      }
      if (bounced) {
        undeliverable.add(id);
      }
      if (turnedAway) {
        temporary.add(id);
      }
    }
    return new Deliveries(sent, undeliverable, temporary);
  }

  /** Reads batches of keys, up to {@link #PARALLEL_READS} at once; the items found. */
  private List<Map<String, AttributeValue>> batchGetAll(
      List<List<Map<String, AttributeValue>>> batches) {
    if (batches.size() <= 1 || parallelReads == 1) {
      List<Map<String, AttributeValue>> found = new ArrayList<>();
      batches.forEach(keys -> found.addAll(batchGet(keys)));
      return found;
    }
    List<CompletableFuture<List<Map<String, AttributeValue>>>> reads =
        batches.stream()
            .map(
                keys ->
                    CompletableFuture.supplyAsync(DryRun.inherit(() -> batchGet(keys)), READERS))
            .toList();
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    try {
      for (CompletableFuture<List<Map<String, AttributeValue>>> read : reads) {
        found.addAll(read.join());
      }
    } catch (CompletionException e) {
      reads.forEach(read -> read.cancel(true));
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
    return found;
  }

  /** The items found for these keys, asking again for keys DynamoDB leaves unprocessed. */
  private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    Map<String, KeysAndAttributes> request =
        Map.of(
            tableName,
            KeysAndAttributes.builder()
                .keys(keys)
                .projectionExpression("#pk, #sent, #undeliverable, #temporary")
                .expressionAttributeNames(
                    Map.of(
                        "#pk",
                        TableLayout.PK,
                        "#sent",
                        SENT_FLAG,
                        "#undeliverable",
                        UNDELIVERABLE_FLAG,
                        "#temporary",
                        TEMPORARY_FLAG))
                .build());
    for (int attempt = 0; !request.isEmpty(); attempt++) {
      if (attempt == MAX_BATCH_ATTEMPTS) {
        throw new IllegalStateException(
            "DynamoDB left keys unprocessed after " + attempt + " attempts");
      }
      if (attempt > 0) {
        backOff(attempt);
      }
      Map<String, KeysAndAttributes> pending = request;
      BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
      found.addAll(response.responses().getOrDefault(tableName, List.of()));
      request = response.unprocessedKeys();
    }
    return found;
  }

  private Put marker(String submissionId, String sk, Instant now) {
    return Put.builder()
        .tableName(tableName)
        .item(
            Map.of(
                TableLayout.PK,
                AttributeValue.fromS(pk(submissionId)),
                TableLayout.SK,
                AttributeValue.fromS(sk),
                TableLayout.RECORD_TYPE,
                AttributeValue.fromS("SENT"),
                TableLayout.EXPIRES_AT,
                SubmissionItems.number(now.plus(KEEP).getEpochSecond())))
        .build();
  }

  /**
   * Sets a flag on the marker {@code sk = {kind}}, creating it if need be. {@code sent} (with a
   * fresh expiry, as the marker's put did) when an email of the kind went out; the others keep the
   * marker's type and expiry.
   */
  private Update flag(String submissionId, String kind, String flag, Instant at, boolean sent) {
    String expires = sent ? ":expires" : "if_not_exists(#expires, :expires)";
    return Update.builder()
        .tableName(tableName)
        .key(key(submissionId, kind))
        .updateExpression(
            "SET #flag = :true, #type = if_not_exists(#type, :type), #expires = " + expires)
        .expressionAttributeNames(
            Map.of(
                "#flag",
                flag,
                "#type",
                TableLayout.RECORD_TYPE,
                "#expires",
                TableLayout.EXPIRES_AT))
        .expressionAttributeValues(
            Map.of(
                ":true",
                AttributeValue.fromBool(true),
                ":type",
                AttributeValue.fromS("SENT"),
                ":expires",
                SubmissionItems.number(at.plus(KEEP).getEpochSecond())))
        .build();
  }

  /** Exponential back-off before asking again for keys DynamoDB left unprocessed (throttling). */
  private static void backOff(int attempt) {
    try {
      Thread.sleep(50L << attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the ledger", e);
    }
  }

  private static String pk(String submissionId) {
    return PK_PREFIX + submissionId;
  }

  private static Map<String, AttributeValue> key(String submissionId, String emailKey) {
    return Map.of(
        TableLayout.PK,
        AttributeValue.fromS(pk(submissionId)),
        TableLayout.SK,
        AttributeValue.fromS(emailKey));
  }
}
