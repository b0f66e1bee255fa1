package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.dynamodb.DynamoDbSubmissionStore;
import ca.relais.aws.dynamodb.TableLayout;
import ca.relais.core.intake.ContentFingerprint;
import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Submission;
import ca.relais.core.model.Territory;
import ca.relais.core.port.SubmissionStore.DuplicateGuard;
import ca.relais.core.port.SubmissionStore.SaveResult;
import ca.relais.local.LocalStack;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * The person key's check ({@code KEYCHECK}, which the person tool compares with its own key) is
 * written by intake's first stored submission in a container, in a write of its own: a report is
 * never refused because of it (containers that start together would cancel each other's
 * transactions on that one item), and a failure to write it is tried again at the next save.
 */
class PersonKeyCheckIT {

  private static final Territory RIMOUSKI =
      new Territory(
          "100",
          "Rimouski-Neigette",
          "01",
          "Bas-Saint-Laurent",
          Optional.empty(),
          Optional.empty());

  /** The real client, with {@code PutItem} failing while {@link #failPuts} is set. */
  private static final class FlakyPuts implements DynamoDbClient {
    private final DynamoDbClient real;
    volatile boolean failPuts;
    final AtomicInteger transactionItems = new AtomicInteger();

    FlakyPuts(DynamoDbClient real) {
      this.real = real;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
      transactionItems.addAndGet(request.transactItems().size());
      for (var write : request.transactItems()) {
        assertFalse(
            write.put() != null
                && write.put().item().get(TableLayout.PK).s().equals(TableLayout.KEY_CHECK),
            "the key check is not part of a submission's transaction");
      }
      return real.transactWriteItems(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
      if (failPuts) {
        throw DynamoDbException.builder().message("injected").build();
      }
      return real.putItem(request);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
      return real.getItem(request);
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }

  @Test
  void aFailedKeyCheckWriteNeverFailsTheSave_andIsTriedAgainAtTheNextSave() {
    LocalStack stack = SharedLocalStack.get();
    String table = stack.resources().tableName("RelaisTable");
    Map<String, AttributeValue> key =
        Map.of(
            TableLayout.PK, AttributeValue.fromS(TableLayout.KEY_CHECK),
            TableLayout.SK, AttributeValue.fromS(TableLayout.KEY_CHECK));
    stack.dynamoDb().deleteItem(DeleteItemRequest.builder().tableName(table).key(key).build());
    FlakyPuts client = new FlakyPuts(stack.dynamoDb());
    DynamoDbSubmissionStore store =
        new DynamoDbSubmissionStore(client, table, SharedLocalStack.personKey());

    client.failPuts = true;
    assertInstanceOf(SaveResult.Saved.class, save(store, "O-20261201-KCHK0001"));
    assertFalse(keyCheckStored(stack, table, key), "no check while its write fails");

    client.failPuts = false;
    assertInstanceOf(SaveResult.Saved.class, save(store, "O-20261201-KCHK0002"));
    assertTrue(keyCheckStored(stack, table, key), "the check written at the next save");
    assertEquals(
        SharedLocalStack.personKey().check(),
        stack
            .dynamoDb()
            .getItem(r -> r.tableName(table).key(key).consistentRead(true))
            .item()
            .get(TableLayout.CHECK)
            .s());
  }

  private static boolean keyCheckStored(
      LocalStack stack, String table, Map<String, AttributeValue> key) {
    return !stack
        .dynamoDb()
        .getItem(r -> r.tableName(table).key(key).consistentRead(true))
        .item()
        .isEmpty();
  }

  private static SaveResult save(DynamoDbSubmissionStore store, String id) {
    Instant at = Instant.parse("2026-11-30T15:00:00Z");
    Submission submission =
        new Submission(
            id,
            at,
            new Observation(
                RIMOUSKI,
                Category.CONCERN,
                "Observation " + id,
                false,
                Optional.empty(),
                Optional.empty(),
                "eclaireur.kchk@example.org",
                Optional.empty(),
                Language.FR));
    return store.save(
        submission,
        at.plus(730, ChronoUnit.DAYS),
        new DuplicateGuard(
            ContentFingerprint.sha256(id), Optional.empty(), at.plus(48, ChronoUnit.HOURS)));
  }
}
