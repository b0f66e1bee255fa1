package ca.relais.aws.dynamodb;

import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.port.SubmissionStore;
import ca.relais.core.privacy.PersonKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Stores a submission, its duplicate guards and its person-index entry in one {@code
 * TransactWriteItems} call: either all are written, or none is and the guard that refused says
 * which earlier submission this repeats. The person-index entry ({@code PERSON#{personKey}}, {@code
 * SUB#{id}}) lets the person tool find a person's records by their address without a scan; it holds
 * the keyed HMAC of the address, never the address. Reads ignore a submission past its retention
 * (the TTL deletes it within days) or whose consent was withdrawn.
 */
public final class DynamoDbSubmissionStore implements SubmissionStore {

  private static final StructuredLogger LOG =
      StructuredLogger.forComponent(DynamoDbSubmissionStore.class);
  private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
  private static final String NEW_OR_EXPIRED =
      "attribute_not_exists(" + TableLayout.PK + ") OR " + TableLayout.EXPIRES_AT + " < :now";

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final PersonKey personKey;

  /** Set once this container's first save has stored the person key's check. */
  private volatile boolean keyCheckStored;

  public DynamoDbSubmissionStore(DynamoDbClient dynamoDb, String tableName, PersonKey personKey) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.personKey = personKey;
  }

  @Override
  public SaveResult save(Submission submission, Instant retainUntil, DuplicateGuard guard) {
    Instant now = submission.receivedAt();
    List<TransactWriteItem> writes = new ArrayList<>();
    Map<String, AttributeValue> item =
        new HashMap<>(SubmissionItems.toItem(submission, retainUntil));
    List<String> guards = new ArrayList<>();
    guards.add(TableLayout.contentGuardPk(guard.contentFingerprint()));
    guard.idempotencyKey().ifPresent(key -> guards.add(TableLayout.keyGuardPk(key)));
    item.put(TableLayout.GUARDS, AttributeValue.fromSs(guards));
    writes.add(
        TransactWriteItem.builder()
            .put(
                Put.builder()
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(" + TableLayout.PK + ")")
                    .build())
            .build());
    writes.add(
        guardWrite(TableLayout.contentGuardPk(guard.contentFingerprint()), submission, guard, now));
    guard
        .idempotencyKey()
        .ifPresent(
            key -> writes.add(guardWrite(TableLayout.keyGuardPk(key), submission, guard, now)));
    // last, so that the guards keep their positions in the cancellation reasons
    addressesOf(submission)
        .forEach(address -> writes.add(personIndexWrite(address, submission, retainUntil)));
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(writes));
    } catch (TransactionCanceledException cancelled) {
      return explain(cancelled.cancellationReasons(), guard, cancelled);
    }
    storeKeyCheckOnce();
    return new SaveResult.Saved(submission.id());
  }

  /**
   * Once per container, after its first save: the check of the key the person index is built on.
   * Never in the submission's transaction: every container writes this one item, and DynamoDB
   * cancels one of two concurrent transactions on the same item ({@code TransactionConflict}),
   * which would refuse a valid submission during a burst of cold starts. A plain put of the same
   * value never conflicts; when it fails, the submission stays saved and the next save tries again.
   */
  private void storeKeyCheckOnce() {
    if (keyCheckStored) {
      return;
    }
    try {
      dynamoDb.putItem(
          PutItemRequest.builder()
              .tableName(tableName)
              .item(TableLayout.keyCheckItem(personKey.check()))
              .build());
      // a SnapStart priming's write is answered on loopback, never stored: not this one
      keyCheckStored = !ca.relais.aws.snapstart.DryRun.active();
    } catch (RuntimeException notStored) {
      LOG.warn("store.key_check_not_stored", "error", notStored.getClass().getSimpleName());
    }
  }

  @Override
  public Optional<Submission> find(String id) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                GetItemRequest.builder()
                    .tableName(tableName)
                    .key(key(TableLayout.submissionPk(id), TableLayout.SUBMISSION))
                    .consistentRead(true)
                    .build())
            .item();
    return item == null || item.isEmpty() || SubmissionItems.outOfUse(item, Instant.now())
        ? Optional.empty()
        : Optional.of(SubmissionItems.fromItem(item));
  }

  /** An answer as received that is an email address, and nothing else. */
  private static final java.util.regex.Pattern ADDRESS =
      java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /**
   * An address within a longer text: the usual characters of an address only, a local part of at
   * most 64 and labels of at most 63 (RFC 5321's limits). Bounded, so that searching a long text
   * without an address costs its length, not its square (an unbounded local part is tried again
   * from each of its characters: seconds on a few hundred thousand letters).
   */
  private static final java.util.regex.Pattern EMBEDDED_ADDRESS =
      java.util.regex.Pattern.compile(
          "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})+");

  /**
   * The addresses a submission is found by: a sign-up's, an observation's reporter's, and for a
   * webhook delivery kept for review every answer that is an address, or the addresses within an
   * answer's text (at most 5 in all), so that a person's rights reach it too.
   */
  static List<String> addressesOf(Submission submission) {
    if (submission.content() instanceof SignUp signUp) {
      return List.of(signUp.email());
    }
    if (submission.content() instanceof Observation observation) {
      return List.of(observation.reporterEmail());
    }
    if (submission.content() instanceof ReportToReview review) {
      return review.answers().stream()
          .flatMap(a -> a.values().stream())
          .map(String::strip)
          .flatMap(
              v ->
                  // an answer that is an address as a whole, and the addresses within it: a body
                  // without spaces (type=besoin&courriel=a@example.org) reads as one "address"
                  java.util.stream.Stream.concat(
                      ADDRESS.matcher(v).matches()
                          ? java.util.stream.Stream.of(v)
                          : java.util.stream.Stream.empty(),
                      java.util.stream.Stream.concat(
                          EMBEDDED_ADDRESS.matcher(v).results().map(m -> m.group()),
                          // a urlencoded body kept as text: courriel=a%40example.org
                          EMBEDDED_ADDRESS.matcher(urlDecoded(v)).results().map(m -> m.group()))))
          .map(v -> v.toLowerCase(java.util.Locale.ROOT))
          .distinct()
          .limit(5)
          .toList();
    }
    return List.of();
  }

  /** The text with its %XX escapes decoded when it has an encoded {@code @}; else empty. */
  private static String urlDecoded(String text) {
    if (!text.contains("%40")) {
      return "";
    }
    try {
      return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return text.replace("%40", "@");
    }
  }

  /** The person-index entry of a submission: a submitter's person key and the submission id. */
  private TransactWriteItem personIndexWrite(
      String address, Submission submission, Instant retainUntil) {
    return TransactWriteItem.builder()
        .put(
            Put.builder()
                .tableName(tableName)
                .item(personIndexItem(personKey.of(address), submission.id(), retainUntil))
                .build())
        .build();
  }

  /** {@code PERSON#{personKey}}, {@code SUB#{id}}, kept as long as the submission. */
  static Map<String, AttributeValue> personIndexItem(
      String personKey, String submissionId, Instant retainUntil) {
    return Map.of(
        TableLayout.PK,
        AttributeValue.fromS(TableLayout.personPk(personKey)),
        TableLayout.SK,
        AttributeValue.fromS(TableLayout.submissionPk(submissionId)),
        TableLayout.RECORD_TYPE,
        AttributeValue.fromS(TableLayout.PERSON),
        TableLayout.EXPIRES_AT,
        SubmissionItems.number(retainUntil.getEpochSecond()));
  }

  private TransactWriteItem guardWrite(
      String pk, Submission submission, DuplicateGuard guard, Instant now) {
    return TransactWriteItem.builder()
        .put(
            Put.builder()
                .tableName(tableName)
                .item(
                    Map.of(
                        TableLayout.PK,
                        AttributeValue.fromS(pk),
                        TableLayout.SK,
                        AttributeValue.fromS(TableLayout.GUARD),
                        TableLayout.RECORD_TYPE,
                        AttributeValue.fromS(TableLayout.GUARD),
                        "submissionId",
                        AttributeValue.fromS(submission.id()),
                        "fingerprint",
                        AttributeValue.fromS(guard.contentFingerprint()),
                        TableLayout.EXPIRES_AT,
                        SubmissionItems.number(guard.guardUntil().getEpochSecond())))
                .conditionExpression(NEW_OR_EXPIRED)
                .expressionAttributeValues(
                    Map.of(":now", SubmissionItems.number(now.getEpochSecond())))
                .build())
        .build();
  }

  /** Which guard refused: the idempotency key first (index 2), then the content (index 1). */
  private SaveResult explain(
      List<CancellationReason> reasons, DuplicateGuard guard, TransactionCanceledException cause) {
    if (guard.idempotencyKey().isPresent() && failed(reasons, 2)) {
      Map<String, AttributeValue> existing =
          readGuard(TableLayout.keyGuardPk(guard.idempotencyKey().get()));
      if (!existing.isEmpty()) {
        boolean sameContent = guard.contentFingerprint().equals(existing.get("fingerprint").s());
        return sameContent
            ? new SaveResult.DuplicateOf(existing.get("submissionId").s())
            : new SaveResult.IdempotencyKeyReused(existing.get("submissionId").s());
      }
    }
    if (failed(reasons, 1)) {
      Map<String, AttributeValue> existing =
          readGuard(TableLayout.contentGuardPk(guard.contentFingerprint()));
      if (!existing.isEmpty()) {
        return new SaveResult.DuplicateOf(existing.get("submissionId").s());
      }
    }
    // A reference-id collision, a conflict with a concurrent write, or a guard gone since:
    // nothing was written, and the caller answers 503 so the client retries.
    throw cause;
  }

  private static boolean failed(List<CancellationReason> reasons, int index) {
    return reasons.size() > index && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
  }

  private Map<String, AttributeValue> readGuard(String pk) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                GetItemRequest.builder()
                    .tableName(tableName)
                    .key(key(pk, TableLayout.GUARD))
                    .consistentRead(true)
                    .build())
            .item();
    return item == null ? Map.of() : item;
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(
        TableLayout.PK, AttributeValue.fromS(pk), TableLayout.SK, AttributeValue.fromS(sk));
  }
}
