package ca.relais.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionNotes;
import ca.relais.core.model.Territory;
import ca.relais.core.port.SubmissionStore;
import ca.relais.core.privacy.PersonKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * What one save writes, against a client that records the calls: the submission's transaction holds
 * only that submission's own items, so that the first saves of several containers at once (a burst
 * after a deployment) never touch one item together; DynamoDB cancels one of two concurrent
 * transactions on the same item ({@code TransactionConflict}), which the citizen would get as a 503
 * for a valid submission.
 */
class DynamoDbSubmissionStoreTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-23T15:00:00Z");
  private static final Territory RIMOUSKI =
      new Territory(
          "100",
          "Rimouski-Neigette",
          "01",
          "Bas-Saint-Laurent",
          Optional.of("10043"),
          Optional.of("Rimouski"));
  private static final PersonKey KEY =
      PersonKey.fromSecret("une-cle-de-test-de-trente-deux-caracteres-au-moins");

  /** Records every write; answers them as DynamoDB would when nothing conflicts. */
  private static final class RecordingClient implements DynamoDbClient {
    final List<List<Map<String, AttributeValue>>> transactions = new ArrayList<>();
    final List<Map<String, AttributeValue>> puts = new ArrayList<>();

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (TransactWriteItem item : request.transactItems()) {
        keys.add(key(item.put() != null ? item.put().item() : Map.of()));
      }
      transactions.add(keys);
      return TransactWriteItemsResponse.builder().build();
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
      puts.add(request.item());
      return PutItemResponse.builder().build();
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
      return Map.of(
          TableLayout.PK, item.getOrDefault(TableLayout.PK, AttributeValue.fromS("?")),
          TableLayout.SK, item.getOrDefault(TableLayout.SK, AttributeValue.fromS("?")));
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  private static Submission observation(String id, String address, String description) {
    return new Submission(
        id,
        RECEIVED,
        new Observation(
            RIMOUSKI,
            Category.NEED,
            description,
            false,
            Optional.empty(),
            Optional.empty(),
            address,
            Optional.empty(),
            Language.FR),
        new SubmissionNotes(Optional.empty(), List.of()),
        Optional.empty());
  }

  private static SubmissionStore.DuplicateGuard guard(String fingerprint) {
    return new SubmissionStore.DuplicateGuard(
        fingerprint, Optional.of("key-" + fingerprint), RECEIVED.plusSeconds(86_400));
  }

  @Test
  void theFirstSavesOfTwoContainers_shareNoItemInTheirTransactions_andTheKeyCheckIsStored() {
    RecordingClient client = new RecordingClient();
    // two containers (two stores), each saving its first submission, by the same person too
    List<SubmissionStore> containers =
        List.of(
            new DynamoDbSubmissionStore(client, "RelaisTable", KEY),
            new DynamoDbSubmissionStore(client, "RelaisTable", KEY));
    assertInstanceOf(
        SubmissionStore.SaveResult.Saved.class,
        containers
            .get(0)
            .save(
                observation("O-20261123-AAAAAAAA", "gisele@example.org", "Besoin de transport"),
                RECEIVED.plusSeconds(3600),
                guard("a".repeat(64))));
    assertInstanceOf(
        SubmissionStore.SaveResult.Saved.class,
        containers
            .get(1)
            .save(
                observation("O-20261123-BBBBBBBB", "gisele@example.org", "Besoin de répit"),
                RECEIVED.plusSeconds(3600),
                guard("b".repeat(64))));

    assertEquals(2, client.transactions.size());
    Set<Map<String, AttributeValue>> first = new HashSet<>(client.transactions.get(0));
    Set<Map<String, AttributeValue>> shared = new HashSet<>(client.transactions.get(1));
    shared.retainAll(first);
    assertEquals(Set.of(), shared, "items both first saves write in their transactions");
    // the person tool still finds the key's check, written beside the transaction
    assertTrue(
        client.puts.stream()
            .anyMatch(
                item ->
                    TableLayout.KEY_CHECK.equals(item.get(TableLayout.PK).s())
                        && KEY.check().equals(item.get(TableLayout.CHECK).s())),
        "the KEYCHECK item is written");
  }

  @Test
  void theKeyCheckIsWrittenOncePerContainer() {
    RecordingClient client = new RecordingClient();
    SubmissionStore store = new DynamoDbSubmissionStore(client, "RelaisTable", KEY);
    store.save(
        observation("O-20261123-CCCCCCCC", "a@example.org", "Un"),
        RECEIVED.plusSeconds(3600),
        guard("c".repeat(64)));
    store.save(
        observation("O-20261123-DDDDDDDD", "b@example.org", "Deux"),
        RECEIVED.plusSeconds(3600),
        guard("d".repeat(64)));
    assertEquals(
        1,
        client.puts.stream()
                .filter(item -> TableLayout.KEY_CHECK.equals(item.get(TableLayout.PK).s()))
                .count()
            + client.transactions.stream()
                .flatMap(List::stream)
                .filter(key -> TableLayout.KEY_CHECK.equals(key.get(TableLayout.PK).s()))
                .count());
  }

  /** The addresses a report kept for review with these answers is found by. */
  private static java.util.List<String> addressesOfReview(
      ca.relais.core.model.ReportToReview.ReceivedAnswer... answers) {
    ca.relais.core.model.ReportToReview report =
        new ca.relais.core.model.ReportToReview(
            ca.relais.core.model.ReportToReview.Reason.INCOMPLETE,
            ca.relais.core.model.SubmissionType.OBSERVATION,
            "js",
            ca.relais.core.model.ReportToReview.noTerritory(),
            java.util.List.of(),
            java.util.List.of(answers),
            false,
            ca.relais.core.model.Language.FR);
    return DynamoDbSubmissionStore.addressesOf(
        new ca.relais.core.model.Submission(
            "R-20261201-ABCD2345", java.time.Instant.parse("2026-12-01T12:00:00Z"), report));
  }

  private static ca.relais.core.model.ReportToReview.ReceivedAnswer answer(
      String question, String... values) {
    return new ca.relais.core.model.ReportToReview.ReceivedAnswer(
        question, java.util.List.of(values));
  }

  @Test
  void aReportKeptAsReceived_isFoundByTheAddressesWithinItsText_asByAnAnswerThatIsOne() {
    assertEquals(
        java.util.List.of("jean.t@example.org", "marie@example.org"),
        addressesOfReview(
            answer("body", "{\"courriel\": \"Jean.T@Example.org\", \"x\": \"é"),
            answer("contact", "marie@example.org")));
  }

  @Test
  void addressesWithinLongTexts_areFound_andALongRunOfLettersIsNoAddress() {
    String letters = "a".repeat(4000);
    assertEquals(
        java.util.List.of("jean.t@example.org"),
        addressesOfReview(
            answer("q1", letters, letters + "@", "@" + letters),
            answer("q2", letters + " écrire à Jean.T@example.org. " + letters)));
  }

  @Test
  void aBodyWithoutSpaces_isFoundByTheAddressWithinIt_asAnAnswerThatIsOneWhole() {
    for (String body :
        java.util.List.of(
            "type=besoin&courriel=v27833@example.org",
            "{\"courriel\":\"v27833@example.org\"",
            "municipalite=Rimouski&type=besoin&description=Un+voisin&courriel=v27833@example.org")) {
      java.util.List<String> found = addressesOfReview(answer("body", body));
      org.junit.jupiter.api.Assertions.assertTrue(
          found.contains("v27833@example.org"), body + " -> " + found);
    }
    // a urlencoded body kept as text, the address encoded as a browser sends it
    for (String body :
        java.util.List.of(
            "type=besoin&courriel=v27833%40example.org&nom=Jean",
            "type=besoin&courriel=v27833%40example.org&bad=%zz")) {
      java.util.List<String> found = addressesOfReview(answer("body", body));
      org.junit.jupiter.api.Assertions.assertTrue(
          found.contains("v27833@example.org"), body + " -> " + found);
    }
    // an answer that is an address, apostrophe included, is found whole
    org.junit.jupiter.api.Assertions.assertTrue(
        addressesOfReview(answer("courriel", "O'Brien@example.org"))
            .contains("o'brien@example.org"));
  }
}
