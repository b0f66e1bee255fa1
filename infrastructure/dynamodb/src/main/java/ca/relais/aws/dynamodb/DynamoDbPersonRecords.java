package ca.relais.aws.dynamodb;

import ca.relais.core.model.SubmissionType;
import ca.relais.core.privacy.PersonRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A person's records in the Relais table, through the person index ({@code PERSON#{personKey}}):
 * Query by key, GetItem, and transactional deletes and updates. Never a Scan.
 */
public final class DynamoDbPersonRecords implements PersonRecords {

  private static final String SENT_PREFIX = "SENT#";

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final ca.relais.core.privacy.PersonKey personKeys;

  /**
   * @param personKeys the deployment's person key: an erasure recomputes the index entries of every
   *     address a submission is found by (a report kept for review has up to five)
   */
  public DynamoDbPersonRecords(
      DynamoDbClient dynamoDb, String tableName, ca.relais.core.privacy.PersonKey personKeys) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.personKeys = personKeys;
  }

  @Override
  public List<String> submissionIds(String personKey) {
    List<String> ids = new ArrayList<>();
    for (Map<String, AttributeValue> item : partition(TableLayout.personPk(personKey))) {
      ids.add(item.get(TableLayout.SK).s().substring("SUB#".length()));
    }
    return ids;
  }

  @Override
  public Optional<PersonRecord> record(String submissionId) {
    Map<String, AttributeValue> item = submissionItem(submissionId);
    if (item.isEmpty()) {
      return Optional.empty();
    }
    List<EmailSent> emails = new ArrayList<>();
    for (Map<String, AttributeValue> entry : partition(SENT_PREFIX + submissionId)) {
      if (!entry.containsKey("state")) {
        continue; // a marker, not an email
      }
      String sk = entry.get(TableLayout.SK).s();
      emails.add(
          new EmailSent(
              sk.substring(0, Math.max(0, sk.indexOf('#'))),
              entry.get("state").s(),
              Optional.ofNullable(entry.get("sentAt")).map(AttributeValue::s)));
    }
    return Optional.of(
        new PersonRecord(
            submissionId,
            SubmissionType.valueOf(item.get("submissionType").s()),
            SubmissionItems.attributes(item),
            emails));
  }

  /** The addresses an item is indexed by, as its save computed them; none if it does not read. */
  private static List<String> addressesOf(Map<String, AttributeValue> item) {
    try {
      return DynamoDbSubmissionStore.addressesOf(SubmissionItems.fromItem(item));
    } catch (RuntimeException unreadable) {
      return List.of();
    }
  }

  @Override
  public int erase(PersonRecord record, String personKey) {
    Map<String, AttributeValue> item = submissionItem(record.id());
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    if (!item.isEmpty()) {
      keys.add(key(TableLayout.submissionPk(record.id()), TableLayout.SUBMISSION));
      if (item.containsKey(TableLayout.GUARDS)) {
        for (String guardPk : item.get(TableLayout.GUARDS).ss()) {
          keys.add(key(guardPk, TableLayout.GUARD));
        }
      }
      // the index entry of every address the submission is found by, not only the one asked
      for (String address : addressesOf(item)) {
        Map<String, AttributeValue> entry =
            key(
                TableLayout.personPk(personKeys.of(address)),
                TableLayout.submissionPk(record.id()));
        if (!keys.contains(entry)) {
          keys.add(entry);
        }
      }
    }
    Map<String, AttributeValue> asked =
        key(TableLayout.personPk(personKey), TableLayout.submissionPk(record.id()));
    if (!personKey.isEmpty() && !keys.contains(asked)) {
      keys.add(asked);
    }
    if (!personKey.isEmpty()) {
      // the confirmation window held for the address (one confirmation a day): it names a
      // submission of the person
      keys.add(key("WINDOW#confirmation#" + personKey, "WINDOW"));
    }
    for (Map<String, AttributeValue> entry : partition(SENT_PREFIX + record.id())) {
      keys.add(key(entry.get(TableLayout.PK).s(), entry.get(TableLayout.SK).s()));
    }
    // at most 100 actions a transaction; a submission has a few ledger entries
    for (int from = 0; from < keys.size(); from += 100) {
      List<TransactWriteItem> deletes =
          keys.subList(from, Math.min(keys.size(), from + 100)).stream()
              .map(
                  k ->
                      TransactWriteItem.builder()
                          .delete(Delete.builder().tableName(tableName).key(k).build())
                          .build())
              .toList();
      dynamoDb.transactWriteItems(r -> r.transactItems(deletes));
    }
    return keys.size();
  }

  @Override
  public void rectify(PersonRecord record, String attribute, String value, Optional<Rekey> rekey) {
    Map<String, AttributeValue> item = submissionItem(record.id());
    if (item.isEmpty()) {
      return;
    }
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(
        TransactWriteItem.builder()
            .update(
                Update.builder()
                    .tableName(tableName)
                    .key(key(TableLayout.submissionPk(record.id()), TableLayout.SUBMISSION))
                    .updateExpression("SET #attribute = :value")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(
                        Map.of("#attribute", attribute, "#pk", TableLayout.PK))
                    .expressionAttributeValues(Map.of(":value", AttributeValue.fromS(value)))
                    .build())
            .build());
    if (rekey.isPresent()) {
      Instant retainUntil =
          Instant.ofEpochSecond(Long.parseLong(item.get(TableLayout.EXPIRES_AT).n()));
      writes.add(
          TransactWriteItem.builder()
              .delete(
                  Delete.builder()
                      .tableName(tableName)
                      .key(
                          key(
                              TableLayout.personPk(rekey.get().from()),
                              TableLayout.submissionPk(record.id())))
                      .build())
              .build());
      writes.add(
          TransactWriteItem.builder()
              .put(
                  Put.builder()
                      .tableName(tableName)
                      .item(
                          DynamoDbSubmissionStore.personIndexItem(
                              rekey.get().to(), record.id(), retainUntil))
                      .build())
              .build());
    }
    dynamoDb.transactWriteItems(r -> r.transactItems(writes));
  }

  @Override
  public void withdraw(PersonRecord record, Instant at) {
    dynamoDb.updateItem(
        r ->
            r.tableName(tableName)
                .key(key(TableLayout.submissionPk(record.id()), TableLayout.SUBMISSION))
                .updateExpression("SET withdrawnAt = if_not_exists(withdrawnAt, :at)")
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PK))
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()))));
  }

  private Map<String, AttributeValue> submissionItem(String submissionId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(tableName)
                        .consistentRead(true)
                        .key(key(TableLayout.submissionPk(submissionId), TableLayout.SUBMISSION)))
            .item();
    return item == null ? Map.of() : item;
  }

  /** Every item of one partition (a person's index entries, a submission's ledger). */
  private List<Map<String, AttributeValue>> partition(String pk) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            r ->
                r.tableName(tableName)
                    .consistentRead(true)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
        .items()
        .forEach(items::add);
    return items;
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(TableLayout.PK, AttributeValue.fromS(pk));
    key.put(TableLayout.SK, AttributeValue.fromS(sk));
    return key;
  }
}
