package ca.relais.local;

import ca.relais.aws.AwsClientSettings;
import ca.relais.aws.dynamodb.DynamoDbClients;
import ca.relais.core.config.Environment;
import ca.relais.local.lambda.HandlerMethod;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * One cold start, in a fresh JVM that {@link ColdStartBenchmark} starts with a function jar (or
 * nothing, for the floor) on its class path: builds the handler and the runtime's serializers as
 * Lambda's init does (with the SnapStart hooks when asked, through the local stack's {@code
 * org.crac} stand-in), then handles a first event and a second one as the Lambda runtime calls it
 * (raw bytes for a {@code RequestStreamHandler}, its serializers for a POJO handler; {@link
 * HandlerMethod}). Prints one line: {@code PROBE init_ms=… first_ms=… warm_ms=…}, init counted from
 * the moment the parent started the process ({@code System.nanoTime} is system-wide on Linux).
 *
 * <p>Arguments: parent's nanoTime at exec, handler class ({@code noop} for the floor), {@code
 * primed} or {@code plain}, first event file, second event file.
 */
public final class ColdStartProbe {

  private ColdStartProbe() {}

  /** The floor: a handler that does nothing, with the same serializers. */
  public static final class NoOpHandler {
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
      return Map.of();
    }
  }

  /**
   * The SDK floor: what any function that writes to DynamoDB through the SDK pays, with the client
   * Relais builds ({@link DynamoDbClients#create}, {@link AwsClientSettings#forFunction}) and
   * nothing else; each call writes {@link #itemsPerCall} new items of the table {@code
   * RELAIS_BENCH_TABLE} (key {@code PK}). One item: a plain {@code PutItem}, as the public sample
   * writes; more: one {@code TransactWriteItems} of that many puts, each on the condition that its
   * key is new, as intake saves a report with its guards. Reads nothing of the event.
   */
  public abstract static class SdkFloorHandler implements RequestStreamHandler {

    private final DynamoDbClient dynamoDb =
        DynamoDbClients.create(AwsClientSettings.forFunction(Environment.system()));
    private final String table = System.getenv("RELAIS_BENCH_TABLE");
    private final int itemsPerCall;

    SdkFloorHandler(int itemsPerCall) {
      this.itemsPerCall = itemsPerCall;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
        throws IOException {
      input.readAllBytes();
      String call = UUID.randomUUID().toString();
      if (itemsPerCall == 1) {
        dynamoDb.putItem(r -> r.tableName(table).item(item(call, 0)));
      } else {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (int i = 0; i < itemsPerCall; i++) {
          Map<String, AttributeValue> item = item(call, i);
          writes.add(
              TransactWriteItem.builder()
                  .put(
                      put ->
                          put.tableName(table)
                              .item(item)
                              .conditionExpression("attribute_not_exists(PK)"))
                  .build());
        }
        dynamoDb.transactWriteItems(r -> r.transactItems(writes));
      }
      output.write("{\"statusCode\":201}".getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> item(String call, int index) {
      return Map.of(
          "PK", AttributeValue.fromS("FLOOR#" + call + "#" + index),
          "createdAt", AttributeValue.fromS(java.time.Instant.now().toString()),
          "text", AttributeValue.fromS("une observation de la taille d'un petit signalement"));
    }
  }

  /** The SDK floor with one {@code PutItem} a call (the public sample's write). */
  public static final class SdkPutFloor extends SdkFloorHandler {
    public SdkPutFloor() {
      super(1);
    }
  }

  /** The SDK floor with a transaction of three conditional puts a call (intake's save). */
  public static final class SdkTransactionFloor extends SdkFloorHandler {
    public SdkTransactionFloor() {
      super(3);
    }
  }

  /** Marks in the class-load log. */
  static final class FirstCallStarts {}

  /** Marks in the class-load log. */
  static final class FirstCallEnds {}

  public static void main(String[] args) throws Exception {
    long exec = Long.parseLong(args[0]);
    boolean primed = args[2].equals("primed");
    if (primed) {
      ca.relais.local.crac.Core.install();
    }
    Class<?> type = args[1].equals("noop") ? NoOpHandler.class : Class.forName(args[1]);
    Supplier<Object> init =
        () -> {
          try {
            return type.getConstructor().newInstance();
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
        };
    Object handler = primed ? ca.relais.local.crac.Core.snapshotAndRestore(init) : init.get();
    // The runtime builds its serializers (of a POJO handler) at init, before a SnapStart snapshot
    HandlerMethod method =
        HandlerMethod.find(type, "handleRequest", ColdStartProbe.class.getClassLoader());
    long initialised = System.nanoTime();
    new FirstCallStarts(); // a mark in the class-load log of --first-call-classes
    String first = call(handler, method, Files.readAllBytes(Path.of(args[3])));
    long firstDone = System.nanoTime();
    new FirstCallEnds();
    call(handler, method, Files.readAllBytes(Path.of(args[4])));
    long warmDone = System.nanoTime();
    System.out.printf(
        "PROBE init_ms=%.1f first_ms=%.1f warm_ms=%.1f response=%s%n",
        (initialised - exec) / 1e6,
        (firstDone - initialised) / 1e6,
        (warmDone - firstDone) / 1e6,
        first.length() > 120 ? first.substring(0, 120) : first);
  }

  private static String call(Object handler, HandlerMethod method, byte[] event) throws Exception {
    byte[] response = method.call(handler, method.event(event), null);
    return new String(response, StandardCharsets.UTF_8);
  }
}
