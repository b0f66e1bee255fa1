package ca.relais.local.events;

import static ca.relais.local.events.Emulators.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.DynamoDbStreamEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Shard lineage, which DynamoDB Local does not produce on demand: a stream whose parent shard is
 * closed and whose child is open, served by a fake Streams client that lists the child first and
 * one shard per DescribeStream page.
 */
class DynamoDbStreamPollerShardsTest {

  private static final String ARN =
      "arn:aws:dynamodb:ca-central-1:000000000000:table/Lineage/stream/2026-11-23T00:00:00.000";

  private final FakeStream stream = new FakeStream();
  private LocalFunction function;

  @BeforeEach
  void setUp() {
    RecordingStreamHandler.reset();
    function =
        LocalFunction.load(
            "StreamFunction", RecordingStreamHandler.class.getName(), "handleRequest", 5);
    stream.shard("shardId-parent", null, List.of("p1", "p2", "p3"), true);
    stream.shard("shardId-child", "shardId-parent", List.of("c1", "c2"), false);
  }

  private static DynamoDbStreamEvent mapping(String startingPosition) {
    return new DynamoDbStreamEvent(
        "Stream", "Table", 2, startingPosition, true, -1, false, List.of(), 0, Optional.empty());
  }

  @Test
  void aChildShardIsReadOnlyAfterItsParent_andEachShardInOrder() throws Exception {
    try (DynamoDbStreamPoller poller =
        new DynamoDbStreamPoller(stream, ARN, "Lineage", function, mapping("TRIM_HORIZON"))
            .start()) {
      stream.append("shardId-child", "c3");
      await(
          () -> RecordingStreamHandler.DELIVERED.size() >= 6,
          Duration.ofSeconds(10),
          () -> "six records, got " + RecordingStreamHandler.DELIVERED);
    }
    assertEquals(List.of("p1", "p2", "p3", "c1", "c2", "c3"), RecordingStreamHandler.DELIVERED);
  }

  @Test
  void latestSkipsEveryShardAsItWasAtStart() throws Exception {
    try (DynamoDbStreamPoller poller =
        new DynamoDbStreamPoller(stream, ARN, "Lineage", function, mapping("LATEST")).start()) {
      stream.append("shardId-child", "c3");
      stream.append("shardId-child", "c4");
      await(
          () -> RecordingStreamHandler.DELIVERED.size() >= 2,
          Duration.ofSeconds(10),
          () -> "two records, got " + RecordingStreamHandler.DELIVERED);
    }
    assertEquals(List.of("c3", "c4"), RecordingStreamHandler.DELIVERED);
  }

  /** An in-memory stream: shards of records, iterators "shardId|position". */
  private static final class FakeStream implements DynamoDbStreamsClient {

    private final Map<String, List<Record>> records =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Shard> shards = new ArrayList<>();
    private int sequence;

    synchronized void shard(String id, String parent, List<String> keys, boolean closed) {
      records.put(id, new ArrayList<>());
      keys.forEach(k -> append(id, k));
      List<Record> held = records.get(id);
      Shard shard =
          Shard.builder()
              .shardId(id)
              .parentShardId(parent)
              .sequenceNumberRange(
                  r -> {
                    r.startingSequenceNumber(held.get(0).dynamodb().sequenceNumber());
                    if (closed) {
                      r.endingSequenceNumber(held.get(held.size() - 1).dynamodb().sequenceNumber());
                    }
                  })
              .build();
      shards.add(0, shard); // the child comes first in DescribeStream
    }

    synchronized void append(String shardId, String key) {
      String seq = String.format("%021d", ++sequence);
      records
          .get(shardId)
          .add(
              Record.builder()
                  .eventID("e" + sequence)
                  .eventName(OperationType.INSERT)
                  .dynamodb(
                      StreamRecord.builder()
                          .keys(Map.of("pk", AttributeValue.fromS(key)))
                          .newImage(Map.of("pk", AttributeValue.fromS(key)))
                          .sequenceNumber(seq)
                          .sizeBytes(10L)
                          .streamViewType(StreamViewType.NEW_IMAGE)
                          .approximateCreationDateTime(Instant.now())
                          .build())
                  .build());
    }

    @Override
    public synchronized DescribeStreamResponse describeStream(DescribeStreamRequest request) {
      int index = 0;
      if (request.exclusiveStartShardId() != null) {
        for (int i = 0; i < shards.size(); i++) {
          if (shards.get(i).shardId().equals(request.exclusiveStartShardId())) {
            index = i + 1;
          }
        }
      }
      Shard shard = shards.get(index);
      boolean last = index == shards.size() - 1;
      return DescribeStreamResponse.builder()
          .streamDescription(
              d ->
                  d.streamArn(ARN)
                      .shards(shard)
                      .lastEvaluatedShardId(last ? null : shard.shardId()))
          .build();
    }

    @Override
    public synchronized GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
      List<Record> held = records.get(request.shardId());
      int position =
          switch (request.shardIteratorType()) {
            case TRIM_HORIZON -> 0;
            case LATEST -> held.size();
            case AT_SEQUENCE_NUMBER -> indexOf(held, request.sequenceNumber());
            case AFTER_SEQUENCE_NUMBER -> indexOf(held, request.sequenceNumber()) + 1;
            default -> throw new IllegalArgumentException(request.shardIteratorTypeAsString());
          };
      return GetShardIteratorResponse.builder()
          .shardIterator(request.shardId() + "|" + position)
          .build();
    }

    @Override
    public synchronized GetRecordsResponse getRecords(GetRecordsRequest request) {
      String[] parts = request.shardIterator().split("\\|");
      List<Record> held = records.get(parts[0]);
      int from = Integer.parseInt(parts[1]);
      int to = Math.min(held.size(), from + request.limit());
      boolean closed =
          shards.stream()
              .anyMatch(
                  s ->
                      s.shardId().equals(parts[0])
                          && s.sequenceNumberRange().endingSequenceNumber() != null);
      String next = closed && to == held.size() ? null : parts[0] + "|" + to;
      return GetRecordsResponse.builder()
          .records(List.copyOf(held.subList(from, to)))
          .nextShardIterator(next)
          .build();
    }

    private static int indexOf(List<Record> held, String sequence) {
      for (int i = 0; i < held.size(); i++) {
        if (held.get(i).dynamodb().sequenceNumber().equals(sequence)) {
          return i;
        }
      }
      throw new IllegalArgumentException("No record " + sequence);
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }
}
