package ca.relais.local.events;

import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.DynamoDbStreamEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The local event source mapping of a DynamoDB stream, on its own daemon thread.
 *
 * <ul>
 *   <li>Follows every shard of the stream, a child shard only once its parent is read to the end;
 *       shards are read one after the other, and each shard in order.
 *   <li>{@code StartingPosition}: {@code TRIM_HORIZON} reads the stream from its oldest record;
 *       {@code LATEST} delivers only what is written after {@link #start()} returns (the position
 *       is captured there).
 *   <li>Reads at most {@code BatchSize} records at a time (and at most 1,000, GetRecords' limit),
 *       drops those that the {@code FilterCriteria} reject (they count as processed, as in Lambda),
 *       and invokes the function with a {@code DynamodbEvent} in Lambda's JSON.
 *   <li>With {@code ReportBatchItemFailures}, the records before the first reported failure are
 *       done and the batch is retried from it; an empty or unknown identifier, or an unreadable
 *       response, fails the whole batch.
 *   <li>On a function error the batch is retried, split in two first when {@code
 *       BisectBatchOnFunctionError} (splitting does not count as a retry).
 *   <li>After {@code MaximumRetryAttempts} retries of a record (-1: no limit; Lambda would stop at
 *       the 24 h retention) the record is given up on: an error is logged and a failure record
 *       (stream position only, no data) goes to {@code onFailure}. Lambda gives up on the whole
 *       failed batch; locally only the first record of it, so no record is skipped that Lambda
 *       would have delivered.
 *   <li>Retries back off from 200 ms to 10 s. Later records of the shard wait: order is kept.
 * </ul>
 *
 * Logs hold ids, sequence numbers and counts only, never record contents. {@code
 * MaximumBatchingWindowInSeconds} is not emulated: a batch is what one GetRecords returns.
 */
public final class DynamoDbStreamPoller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStreamPoller.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long IDLE_MILLIS = 200;
  private static final long MAX_BACKOFF_MILLIS = 10_000;
  private static final int GET_RECORDS_LIMIT = 1000;
  private static final String DEFAULT_REGION = "ca-central-1";

  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final String tableName;
  private final String region;
  private final LocalFunction function;
  private final DynamoDbStreamEvent mapping;
  private final EventFilter filter;
  private final Consumer<String> onFailure;
  private final Map<String, ShardState> shards = new LinkedHashMap<>();
  private final Worker worker;

  /**
   * A poller without an on-failure destination; the region is the stream ARN's (ca-central-1 for
   * DynamoDB Local's {@code ddblocal}).
   *
   * @param streams a client of the DynamoDB Streams endpoint
   * @param streamArn the table's latest stream
   * @param tableName the table's name, for logs
   * @param function the function to invoke
   * @param mapping the template's event source mapping
   * @throws IllegalArgumentException if a filter pattern is not supported
   */
  public DynamoDbStreamPoller(
      DynamoDbStreamsClient streams,
      String streamArn,
      String tableName,
      LocalFunction function,
      DynamoDbStreamEvent mapping) {
    this(streams, streamArn, tableName, regionOf(streamArn), function, mapping, body -> {});
  }

  /**
   * A poller with an on-failure destination.
   *
   * @param streams a client of the DynamoDB Streams endpoint
   * @param streamArn the table's latest stream
   * @param region the region in the events ({@code awsRegion})
   * @param function the function to invoke
   * @param mapping the template's event source mapping
   * @param onFailure receives a JSON failure record (Lambda's {@code DDBStreamBatchInfo} form) for
   *     each record given up on; it holds the stream position only, no personal data
   * @throws IllegalArgumentException if a filter pattern is not supported
   */
  public DynamoDbStreamPoller(
      DynamoDbStreamsClient streams,
      String streamArn,
      String region,
      LocalFunction function,
      DynamoDbStreamEvent mapping,
      Consumer<String> onFailure) {
    this(streams, streamArn, tableOf(streamArn), region, function, mapping, onFailure);
  }

  private DynamoDbStreamPoller(
      DynamoDbStreamsClient streams,
      String streamArn,
      String tableName,
      String region,
      LocalFunction function,
      DynamoDbStreamEvent mapping,
      Consumer<String> onFailure) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.tableName = tableName;
    this.region = region;
    this.function = function;
    this.mapping = mapping;
    try {
      this.filter = new EventFilter(mapping.filterPatterns());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          function.name() + " event " + mapping.name() + ": " + e.getMessage(), e);
    }
    this.onFailure = onFailure;
    this.worker = new Worker("stream-" + function.name(), this::run);
  }

  /**
   * Captures the starting position ({@code LATEST}: the end of every shard now) and starts polling.
   *
   * @return this poller
   */
  public DynamoDbStreamPoller start() {
    boolean latest = mapping.startingPosition().toUpperCase(Locale.ROOT).equals("LATEST");
    if (latest) {
      skipToEnd();
    }
    worker.start();
    LOG.info(
        "{}: polling the stream of table {} from {} (batch size {})",
        function.name(),
        tableName,
        latest ? "LATEST" : "TRIM_HORIZON",
        mapping.batchSize());
    return this;
  }

  private void run() {
    long failures = 0;
    try {
      while (worker.running()) {
        try {
          boolean found = pollOnce();
          failures = 0;
          if (!found) {
            worker.pause(IDLE_MILLIS);
          }
        } catch (RuntimeException e) {
          if (!worker.running()) {
            return;
          }
          failures++;
          LOG.warn(
              "{}: reading the stream of table {} failed ({}); retrying",
              function.name(),
              tableName,
              e.toString());
          worker.pause(backoff(failures));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads each readable shard once and delivers what it holds; true when records were read. */
  boolean pollOnce() throws InterruptedException {
    List<Shard> described = describeShards();
    for (Shard shard : described) {
      shards.computeIfAbsent(shard.shardId(), id -> new ShardState(shard.parentShardId()));
    }
    boolean found = false;
    for (Shard shard : described) {
      if (!worker.running()) {
        return found;
      }
      String shardId = shard.shardId();
      ShardState state = shards.get(shardId);
      state.closed = isClosed(shard);
      if (state.finished) {
        continue;
      }
      ShardState parent = state.parentId == null ? null : shards.get(state.parentId);
      if (parent != null && !parent.finished) {
        continue; // a child waits until its parent is read to the end
      }
      String iterator = state.iterator != null ? state.iterator : resume(shardId, state);
      GetRecordsResponse response;
      try {
        response =
            streams.getRecords(
                r ->
                    r.shardIterator(iterator)
                        .limit(Math.min(mapping.batchSize(), GET_RECORDS_LIMIT)));
      } catch (ExpiredIteratorException expired) {
        state.iterator = null; // read again after the last record delivered
        continue;
      }
      List<Record> records = response.records();
      if (!records.isEmpty()) {
        found = true;
        if (!deliver(shardId, records)) {
          return found; // closing
        }
        state.lastSequence = records.get(records.size() - 1).dynamodb().sequenceNumber();
      }
      state.iterator = response.nextShardIterator();
      if (state.iterator == null && state.closed) {
        state.finished = true;
        LOG.debug("{}: shard {} read to its end", function.name(), shardId);
      }
      // An open shard whose iterator ends (DynamoDB Local may end an idle one) is read again
      // later, after its last record delivered.
    }
    return found;
  }

  private List<Shard> describeShards() {
    List<Shard> all = new ArrayList<>();
    String start = null;
    do {
      String exclusiveStart = start;
      DescribeStreamResponse response =
          streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(exclusiveStart));
      all.addAll(response.streamDescription().shards());
      start = response.streamDescription().lastEvaluatedShardId();
    } while (start != null);
    return all;
  }

  private static boolean isClosed(Shard shard) {
    return shard.sequenceNumberRange() != null
        && shard.sequenceNumberRange().endingSequenceNumber() != null;
  }

  /** LATEST: remembers the last record of every shard as it is now, without delivering. */
  private void skipToEnd() {
    for (Shard shard : describeShards()) {
      ShardState state =
          shards.computeIfAbsent(shard.shardId(), id -> new ShardState(shard.parentShardId()));
      state.closed = isClosed(shard);
      String iterator = resume(shard.shardId(), state);
      while (iterator != null) {
        String current = iterator;
        GetRecordsResponse response =
            streams.getRecords(r -> r.shardIterator(current).limit(GET_RECORDS_LIMIT));
        if (!response.records().isEmpty()) {
          List<Record> records = response.records();
          state.lastSequence = records.get(records.size() - 1).dynamodb().sequenceNumber();
        }
        iterator = response.records().isEmpty() ? null : response.nextShardIterator();
        if (response.nextShardIterator() == null && state.closed) {
          state.finished = true;
        }
      }
    }
  }

  /**
   * Delivers one GetRecords' worth of records in order, with retries.
   *
   * @return false when the poller was closed before all were done
   */
  private boolean deliver(String shardId, List<Record> read) throws InterruptedException {
    List<Pending> queue = new ArrayList<>();
    for (Record record : read) {
      Map<String, Object> json = StreamRecords.toLambdaJson(record, streamArn, region);
      if (filter.accepts(json)) {
        queue.add(new Pending(record, json));
      }
    }
    if (queue.size() < read.size()) {
      LOG.debug(
          "{}: {} of {} stream records filtered out",
          function.name(),
          read.size() - queue.size(),
          read.size());
    }
    int window = queue.size();
    int attempts = 0;
    boolean traced = false;
    while (!queue.isEmpty()) {
      if (!worker.running()) {
        return false;
      }
      List<Pending> batch = queue.subList(0, window);
      Outcome outcome = invoke(batch);
      if (outcome.error() != null) {
        logFunctionError(batch, attempts, outcome.error(), !traced);
        traced = true;
      }
      if (outcome.succeeded()) {
        queue = queue.subList(window, queue.size());
        window = queue.size();
        attempts = 0;
        continue;
      }
      if (outcome.retryFrom() > 0) {
        queue = queue.subList(outcome.retryFrom(), queue.size());
        window = queue.size();
        attempts = 1; // the new first record failed once
      } else if (outcome.error() != null && mapping.bisectBatchOnFunctionError() && window > 1) {
        window = (window + 1) / 2;
        LOG.info("{}: bisecting, retrying the first {} records", function.name(), window);
        continue;
      } else {
        attempts++;
      }
      if (mapping.maximumRetryAttempts() >= 0 && attempts > mapping.maximumRetryAttempts()) {
        giveUp(shardId, queue.get(0).record(), attempts);
        queue = queue.subList(1, queue.size());
        window = queue.size();
        attempts = 0;
        continue;
      }
      worker.pause(backoff(attempts));
    }
    return true;
  }

  /** The stack trace once per batch read; later failures of it in one line. */
  private void logFunctionError(
      List<Pending> batch, int attempts, Throwable error, boolean withStackTrace) {
    if (withStackTrace) {
      LOG.warn(
          "{} failed on a batch of {} stream records from {}",
          function.name(),
          batch.size(),
          batch.get(0).sequence(),
          error);
    } else {
      LOG.warn(
          "{} failed on a batch of {} stream records from {} (retry {}): {}",
          function.name(),
          batch.size(),
          batch.get(0).sequence(),
          attempts,
          error.getClass().getName());
    }
  }

  /** Invokes the function with a batch; which records, if any, are to be retried. */
  private Outcome invoke(List<Pending> batch) {
    List<Map<String, Object>> records = batch.stream().map(Pending::json).toList();
    BatchFailures failures =
        BatchFailures.of(
            function,
            batch.stream().map(Pending::sequence).toList(),
            mapping.reportBatchItemFailures(),
            () -> function.invoke(JSON.writeValueAsString(Map.of("Records", records))));
    if (failures.none()) {
      return Outcome.SUCCESS;
    }
    if (failures.error().isPresent()) {
      return new Outcome(false, 0, failures.error().get());
    }
    int first = failures.first();
    if (first > 0) {
      LOG.info(
          "{}: stream record {} failed; {} records of the batch will be retried",
          function.name(),
          batch.get(first).sequence(),
          batch.size() - first);
    }
    return first == 0 ? Outcome.RETRY_ALL : new Outcome(false, first, null);
  }

  private void giveUp(String shardId, Record record, int attempts) {
    String sequence = record.dynamodb().sequenceNumber();
    LOG.error(
        "{}: giving up on stream record {} of shard {} after {} attempts",
        function.name(),
        sequence,
        shardId,
        attempts);
    try {
      onFailure.accept(failureRecord(shardId, record, attempts));
    } catch (RuntimeException e) {
      LOG.error(
          "{}: the on-failure destination refused the failure record of {} ({})",
          function.name(),
          sequence,
          e.toString());
    }
  }

  /** Lambda's on-failure record for a stream: where the record is, not what it holds. */
  private String failureRecord(String shardId, Record record, int attempts) {
    String sequence = record.dynamodb().sequenceNumber();
    Instant arrival = record.dynamodb().approximateCreationDateTime();
    Map<String, Object> requestContext = new LinkedHashMap<>();
    requestContext.put("requestId", java.util.UUID.randomUUID().toString());
    requestContext.put(
        "functionArn", "arn:aws:lambda:" + region + ":000000000000:function:" + function.name());
    requestContext.put("condition", "RetryAttemptsExhausted");
    requestContext.put("approximateInvokeCount", attempts);
    Map<String, Object> batchInfo = new LinkedHashMap<>();
    batchInfo.put("shardId", shardId);
    batchInfo.put("startSequenceNumber", sequence);
    batchInfo.put("endSequenceNumber", sequence);
    if (arrival != null) {
      batchInfo.put("approximateArrivalOfFirstRecord", arrival.toString());
      batchInfo.put("approximateArrivalOfLastRecord", arrival.toString());
    }
    batchInfo.put("batchSize", 1);
    batchInfo.put("streamArn", streamArn);
    Map<String, Object> failure = new LinkedHashMap<>();
    failure.put("requestContext", requestContext);
    failure.put(
        "responseContext",
        Map.of("statusCode", 200, "executedVersion", "$LATEST", "functionError", "Unhandled"));
    failure.put("version", "1.0");
    failure.put("timestamp", Instant.now().toString());
    failure.put("DDBStreamBatchInfo", batchInfo);
    try {
      return JSON.writeValueAsString(failure);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where to read a shard from: after the last record delivered, else its oldest record. */
  private String resume(String shardId, ShardState state) {
    return state.lastSequence == null
        ? iterator(shardId, ShardIteratorType.TRIM_HORIZON, null)
        : iterator(shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, state.lastSequence);
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

  private static long backoff(long attempts) {
    return Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(attempts, 10));
  }

  /**
   * {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL} → REGION; DynamoDB Local's
   * shared database writes {@code ddblocal} there, which becomes the project's region.
   */
  private static String regionOf(String streamArn) {
    String[] parts = streamArn.split(":", 6);
    if (parts.length < 6 || !parts[2].equals("dynamodb")) {
      throw new IllegalArgumentException("Not a DynamoDB stream ARN: " + streamArn);
    }
    return parts[3].matches("[a-z]{2}(-[a-z]+)+-\\d+") ? parts[3] : DEFAULT_REGION;
  }

  /** {@code ...:table/NAME/stream/LABEL} → NAME (for logs). */
  private static String tableOf(String streamArn) {
    int table = streamArn.indexOf(":table/");
    if (table < 0) {
      return streamArn;
    }
    String rest = streamArn.substring(table + ":table/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /**
   * Stops polling: a pause ends at once; an invocation in progress has up to 10 s to finish.
   * Records not yet delivered stay on the stream.
   */
  @Override
  public void close() {
    worker.close();
  }

  /** What is known of one shard. */
  private static final class ShardState {
    final String parentId;
    String iterator;
    String lastSequence;
    boolean closed;
    boolean finished;

    ShardState(String parentId) {
      this.parentId = parentId;
    }
  }

  /** A record that passed the filter, with its event JSON. */
  private record Pending(Record record, Map<String, Object> json) {
    String sequence() {
      return record.dynamodb().sequenceNumber();
    }
  }

  /**
   * The result of one invocation: success, or the index of the first record to retry, with the
   * function's error if it threw.
   */
  private record Outcome(boolean succeeded, int retryFrom, Throwable error) {
    static final Outcome SUCCESS = new Outcome(true, -1, null);
    static final Outcome RETRY_ALL = new Outcome(false, 0, null);
  }
}
