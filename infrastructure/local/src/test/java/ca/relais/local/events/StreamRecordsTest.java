package ca.relais.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class StreamRecordsTest {

  private static final String ARN =
      "arn:aws:dynamodb:ca-central-1:000000000000:table/T/stream/2026-11-23T00:00:00.000";

  @Test
  void everyAttributeTypeReadsBackThroughTheLambdaRuntimesSerializer() throws Exception {
    Map<String, AttributeValue> image =
        Map.of(
            "pk", AttributeValue.fromS("SUB#1"),
            "n", AttributeValue.fromN("42.5"),
            "b", AttributeValue.fromB(SdkBytes.fromUtf8String("hi")),
            "ok", AttributeValue.fromBool(true),
            "none", AttributeValue.fromNul(true),
            "ss", AttributeValue.fromSs(List.of("a", "b")),
            "ns", AttributeValue.fromNs(List.of("1", "2")),
            "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))),
            "m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))),
            "l",
                AttributeValue.fromL(
                    List.of(AttributeValue.fromN("1"), AttributeValue.fromS("s"))));
    Record record =
        Record.builder()
            .eventID("e1")
            .eventName(OperationType.REMOVE)
            .userIdentity(
                Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build())
            .dynamodb(
                StreamRecord.builder()
                    .approximateCreationDateTime(Instant.parse("2026-11-23T13:00:05Z"))
                    .keys(Map.of("pk", AttributeValue.fromS("SUB#1")))
                    .oldImage(image)
                    .sequenceNumber("000000000000000000042")
                    .sizeBytes(321L)
                    .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                    .build())
            .build();
    Map<String, Object> json = StreamRecords.toLambdaJson(record, ARN, "ca-central-1");
    String event = new ObjectMapper().writeValueAsString(Map.of("Records", List.of(json)));

    DynamodbEvent parsed =
        LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader())
            .fromJson(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));

    DynamodbEvent.DynamodbStreamRecord r = parsed.getRecords().get(0);
    assertEquals("e1", r.getEventID());
    assertEquals("REMOVE", r.getEventName());
    assertEquals("1.1", r.getEventVersion());
    assertEquals("aws:dynamodb", r.getEventSource());
    assertEquals("ca-central-1", r.getAwsRegion());
    assertEquals(ARN, r.getEventSourceARN());
    assertEquals("Service", r.getUserIdentity().getType());
    assertEquals(
        Instant.parse("2026-11-23T13:00:05Z").toEpochMilli(),
        r.getDynamodb().getApproximateCreationDateTime().getTime());
    assertEquals("000000000000000000042", r.getDynamodb().getSequenceNumber());
    assertEquals(321L, r.getDynamodb().getSizeBytes());
    assertEquals("NEW_AND_OLD_IMAGES", r.getDynamodb().getStreamViewType());
    assertEquals("SUB#1", r.getDynamodb().getKeys().get("pk").getS());
    assertEquals(null, r.getDynamodb().getNewImage());
    var old = r.getDynamodb().getOldImage();
    assertEquals("42.5", old.get("n").getN());
    assertEquals("hi", StandardCharsets.UTF_8.decode(old.get("b").getB()).toString());
    assertTrue(old.get("ok").getBOOL());
    assertTrue(old.get("none").getNULL());
    assertEquals(List.of("a", "b"), old.get("ss").getSS());
    assertEquals(List.of("1", "2"), old.get("ns").getNS());
    assertEquals("x", StandardCharsets.UTF_8.decode(old.get("bs").getBS().get(0)).toString());
    assertEquals("v", old.get("m").getM().get("k").getS());
    assertEquals("1", old.get("l").getL().get(0).getN());
    assertEquals("s", old.get("l").getL().get(1).getS());
  }

  @Test
  void numbersStayTextAndTheTimeIsInEpochSeconds_asFilterPatternsSeeThem() {
    Record record =
        Record.builder()
            .eventID("e2")
            .eventName(OperationType.INSERT)
            .dynamodb(
                StreamRecord.builder()
                    .approximateCreationDateTime(Instant.parse("2026-11-23T13:00:05Z"))
                    .keys(Map.of("pk", AttributeValue.fromS("k")))
                    .newImage(Map.of("n", AttributeValue.fromN("7")))
                    .sequenceNumber("1")
                    .sizeBytes(1L)
                    .streamViewType(StreamViewType.NEW_IMAGE)
                    .build())
            .build();
    Map<String, Object> json = StreamRecords.toLambdaJson(record, ARN, "ca-central-1");
    @SuppressWarnings("unchecked")
    Map<String, Object> dynamodb = (Map<String, Object>) json.get("dynamodb");
    assertEquals(1795438805L, dynamodb.get("ApproximateCreationDateTime"));
    assertEquals(Map.of("n", Map.of("N", "7")), dynamodb.get("NewImage"));
    assertEquals(
        List.of(
            "eventID",
            "eventName",
            "eventVersion",
            "eventSource",
            "awsRegion",
            "dynamodb",
            "eventSourceARN"),
        List.copyOf(json.keySet()));
  }
}
