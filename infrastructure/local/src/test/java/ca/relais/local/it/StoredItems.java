package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import ca.relais.local.LocalStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/** Reads the Relais table of the local stack back, as a person with the AWS CLI would. */
final class StoredItems {

  private final LocalStack stack;
  private final String table;

  StoredItems(LocalStack stack) {
    this.stack = stack;
    this.table = stack.resources().tableName("RelaisTable");
  }

  Map<String, AttributeValue> submission(String id) {
    Map<String, AttributeValue> item =
        stack
            .dynamoDb()
            .getItem(
                r ->
                    r.tableName(table)
                        .consistentRead(true)
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("SUB#" + id),
                                "sk", AttributeValue.fromS("SUBMISSION"))))
            .item();
    assertNotNull(item, "no stored submission " + id);
    if (item.isEmpty()) {
      throw new AssertionError("no stored submission " + id);
    }
    return item;
  }

  /** Every item of the table (test data is small). */
  List<Map<String, AttributeValue>> all() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    stack
        .dynamoDb()
        .scanPaginator(r -> r.tableName(table).consistentRead(true))
        .items()
        .forEach(items::add);
    return items;
  }

  /** Submissions and duplicate guards: what intake writes (notify adds its ledger on its own). */
  int count() {
    return (int)
        all().stream()
            .map(i -> i.get("recordType").s())
            .filter(t -> t.equals("SUBMISSION") || t.equals("GUARD"))
            .count();
  }

  long submissionsWithAttribute(String name, String value) {
    return all().stream()
        .filter(i -> "SUBMISSION".equals(i.get("recordType").s()))
        .filter(i -> i.containsKey(name) && value.equals(i.get(name).s()))
        .count();
  }

  /** The stream's records of one submission (by its key), read from the start of every shard. */
  List<Record> streamRecordsOf(String id) {
    String streamArn = stack.resources().streamArn("RelaisTable");
    List<Record> found = new ArrayList<>();
    for (Shard shard :
        stack.streams().describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
      String iterator =
          stack
              .streams()
              .getShardIterator(
                  r ->
                      r.streamArn(streamArn)
                          .shardId(shard.shardId())
                          .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
              .shardIterator();
      for (int page = 0; page < 100 && iterator != null; page++) {
        String current = iterator;
        GetRecordsResponse records =
            stack.streams().getRecords(r -> r.shardIterator(current).limit(1000));
        records.records().stream()
            .filter(r -> r.dynamodb().keys().containsKey("pk"))
            .filter(r -> ("SUB#" + id).equals(r.dynamodb().keys().get("pk").s()))
            .forEach(found::add);
        if (records.records().isEmpty()) {
          break;
        }
        iterator = records.nextShardIterator();
      }
    }
    return found;
  }
}
