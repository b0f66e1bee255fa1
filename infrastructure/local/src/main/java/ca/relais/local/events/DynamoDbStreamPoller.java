package ca.relais.local.events;

import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.DynamoDbStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The local event source mapping of a DynamoDB stream: reads every shard in order, applies the
 * template's filter, invokes the function with a {@code DynamodbEvent} of at most {@code BatchSize}
 * records, and on failure retries from the failed record ({@code ReportBatchItemFailures}) or the
 * whole batch, splitting it in two when {@code BisectBatchOnFunctionError}, up to {@code
 * MaximumRetryAttempts}; then the record goes to the on-failure destination, if any. Later records
 * of the shard wait: order is kept.
 */
public final class DynamoDbStreamPoller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStreamPoller.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration IDLE = Duration.ofMillis(200);

  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final String region;
  private final LocalFunction function;
  private final DynamoDbStreamEvent mapping;
  private final EventFilter filter;
  private final Consumer<String> onFailure;
  private final Map<String, String> iterators = new LinkedHashMap<>();
  private final Map<String, String> lastSequence = new LinkedHashMap<>();
  private final Set<String> finishedShards = new HashSet<>();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param onFailure receives a JSON failure record for records given up on (the on-failure
   *     destination); no personal data, only the stream position
   */
  public DynamoDbStreamPoller(
      DynamoDbStreamsClient streams,
      String streamArn,
      String region,
      LocalFunction function,
      DynamoDbStreamEvent mapping,
      Consumer<String> onFailure) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.region = region;
    this.function = function;
    this.mapping = mapping;
    this.filter = new EventFilter(mapping.filterPatterns());
    this.onFailure = onFailure;
    this.thread = new Thread(this::run, "stream-" + function.name());
    this.thread.setDaemon(true);
  }

  public DynamoDbStreamPoller start() {
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      try {
        if (!pollOnce()) {
          Thread.sleep(IDLE.toMillis());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("Stream poller for {} failed; retrying", function.name(), e);
        sleepQuietly(Duration.ofSeconds(1));
      }
    }
  }

  /** Reads each shard once; true when records were found. */
  boolean pollOnce() throws InterruptedException {
    boolean found = false;
    for (Shard shard :
        streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
      String shardId = shard.shardId();
      if (finishedShards.contains(shardId)) {
        continue;
      }
      if (shard.parentShardId() != null
          && iterators.containsKey(shard.parentShardId())
          && !finishedShards.contains(shard.parentShardId())) {
        continue; // a child waits until its parent is read to the end
      }
      String iterator = iterators.computeIfAbsent(shardId, this::resume);
      GetRecordsResponse response;
      try {
        response =
            streams.getRecords(
                r -> r.shardIterator(iterator).limit(Math.min(mapping.batchSize(), 1000)));
      } catch (ExpiredIteratorException expired) {
        iterators.remove(shardId);
        continue;
      }
      List<Record> records = response.records();
      if (!records.isEmpty()) {
        found = true;
        Optional<String> resumeAt = deliver(records);
        if (resumeAt.isPresent()) {
          iterators.put(
              shardId, iterator(shardId, ShardIteratorType.AT_SEQUENCE_NUMBER, resumeAt.get()));
          continue;
        }
        lastSequence.put(shardId, records.get(records.size() - 1).dynamodb().sequenceNumber());
      }
      if (response.nextShardIterator() == null) {
        // DynamoDB Local ends the iterator of an open shard that has nothing new: read it again
        // later from the last record; a closed shard is done.
        iterators.remove(shardId);
        if (shard.sequenceNumberRange() != null
            && shard.sequenceNumberRange().endingSequenceNumber() != null) {
          finishedShards.add(shardId);
        }
      } else {
        iterators.put(shardId, response.nextShardIterator());
      }
    }
    return found;
  }

  /**
   * Delivers records in order, with retries; empty when all are done, else the sequence number to
   * resume at (the poller stopped).
   */
  private Optional<String> deliver(List<Record> all) throws InterruptedException {
    List<Record> records =
        all.stream()
            .filter(
                r ->
                    filter.accepts(
                        JSON.convertValue(
                            StreamRecords.toLambdaJson(r, streamArn, region), Map.class)))
            .toList();
    if (records.isEmpty()) {
      return Optional.empty();
    }
    int attempts = 0;
    List<Record> pending = records;
    while (!pending.isEmpty()) {
      if (!running) {
        return Optional.of(pending.get(0).dynamodb().sequenceNumber());
      }
      List<Record> batch = pending;
      Optional<Integer> failedAt = invoke(batch);
      if (failedAt.isEmpty()) {
        return Optional.empty();
      }
      int index = failedAt.get();
      attempts++;
      if (mapping.maximumRetryAttempts() >= 0 && attempts > mapping.maximumRetryAttempts()) {
        Record poison = batch.get(index);
        LOG.error(
            "{}: giving up on stream record {} after {} attempts",
            function.name(),
            poison.dynamodb().sequenceNumber(),
            attempts);
        onFailure.accept(failureRecord(poison, attempts));
        pending = batch.subList(index + 1, batch.size());
        attempts = 0;
        continue;
      }
      pending = batch.subList(index, batch.size());
      if (mapping.bisectBatchOnFunctionError() && pending.size() > 1 && index == 0) {
        pending = pending.subList(0, (pending.size() + 1) / 2);
        Optional<Integer> half = invoke(pending);
        if (half.isEmpty()) {
          pending = batch.subList(index + pending.size(), batch.size());
          continue;
        }
      }
      Thread.sleep(Math.min(10_000L, 200L << Math.min(attempts, 6)));
    }
    return Optional.empty();
  }

  /** Invokes; empty on success, else the index of the first record to retry. */
  private Optional<Integer> invoke(List<Record> batch) {
    List<Map<String, Object>> records = new ArrayList<>();
    batch.forEach(r -> records.add(StreamRecords.toLambdaJson(r, streamArn, region)));
    String response;
    try {
      response = function.invoke(JSON.writeValueAsString(Map.of("Records", records)));
    } catch (LocalFunction.FunctionError e) {
      LOG.warn(
          "{} failed on a batch of {} stream records", function.name(), batch.size(), e.getCause());
      return Optional.of(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (!mapping.reportBatchItemFailures()) {
      return Optional.empty();
    }
    try {
      JsonNode failures = JSON.readTree(response).path("batchItemFailures");
      int first = Integer.MAX_VALUE;
      for (JsonNode failure : failures) {
        String sequence = failure.path("itemIdentifier").asText("");
        for (int i = 0; i < batch.size(); i++) {
          if (batch.get(i).dynamodb().sequenceNumber().equals(sequence)) {
            first = Math.min(first, i);
          }
        }
        if (sequence.isEmpty()) {
          first = 0; // an unusable identifier fails the whole batch, as in Lambda
        }
      }
      return first == Integer.MAX_VALUE ? Optional.empty() : Optional.of(first);
    } catch (Exception e) {
      LOG.warn("{} returned an unreadable batch response; retrying the batch", function.name());
      return Optional.of(0);
    }
  }

  private String failureRecord(Record record, int attempts) {
    Map<String, Object> failure = new LinkedHashMap<>();
    failure.put(
        "requestContext",
        Map.of(
            "condition",
            "RetryAttemptsExhausted",
            "approximateInvokeCount",
            attempts,
            "functionArn",
            "arn:aws:lambda:" + region + ":000000000000:function:" + function.name()));
    failure.put(
        "DDBStreamBatchInfo",
        Map.of(
            "shardId",
            "local",
            "startSequenceNumber",
            record.dynamodb().sequenceNumber(),
            "endSequenceNumber",
            record.dynamodb().sequenceNumber(),
            "batchSize",
            1,
            "streamArn",
            streamArn));
    try {
      return JSON.writeValueAsString(failure);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where to read a shard from: after the last record delivered, or its start. */
  private String resume(String shardId) {
    String last = lastSequence.get(shardId);
    return last == null
        ? iterator(shardId, ShardIteratorType.TRIM_HORIZON, null)
        : iterator(shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, last);
  }

  private String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
    return streams
        .getShardIterator(
            r -> {
              r.streamArn(streamArn).shardId(shardId).shardIteratorType(type);
              if (sequenceNumber != null) {
                r.sequenceNumber(sequenceNumber);
              }
            })
        .shardIterator();
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
