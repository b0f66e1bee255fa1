package ca.relais.local.events;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Turns DynamoDB Streams records into the JSON of a Lambda {@code DynamodbEvent} record, as Lambda
 * builds it: {@code eventID}, {@code eventName}, {@code eventVersion} 1.1, {@code eventSource}
 * aws:dynamodb, {@code awsRegion}, {@code dynamodb} (ApproximateCreationDateTime in epoch seconds,
 * Keys, NewImage, OldImage, SequenceNumber, SizeBytes, StreamViewType; attribute values in their
 * typed JSON form such as {@code {"S": "x"}}), {@code userIdentity} for TTL deletions, and {@code
 * eventSourceARN}.
 */
final class StreamRecords {

  private StreamRecords() {}

  /** One record in Lambda's JSON form, as maps and lists (for Jackson and for filtering). */
  static Map<String, Object> toLambdaJson(Record record, String streamArn, String region) {
    Map<String, Object> dynamodb = new LinkedHashMap<>();
    var data = record.dynamodb();
    if (data.approximateCreationDateTime() != null) {
      dynamodb.put(
          "ApproximateCreationDateTime", data.approximateCreationDateTime().getEpochSecond());
    }
    dynamodb.put("Keys", item(data.keys()));
    if (data.hasNewImage()) {
      dynamodb.put("NewImage", item(data.newImage()));
    }
    if (data.hasOldImage()) {
      dynamodb.put("OldImage", item(data.oldImage()));
    }
    dynamodb.put("SequenceNumber", data.sequenceNumber());
    dynamodb.put("SizeBytes", data.sizeBytes());
    dynamodb.put("StreamViewType", data.streamViewTypeAsString());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("eventID", record.eventID());
    json.put("eventName", record.eventNameAsString());
    json.put("eventVersion", "1.1");
    json.put("eventSource", "aws:dynamodb");
    json.put("awsRegion", region);
    json.put("dynamodb", dynamodb);
    if (record.userIdentity() != null) {
      json.put(
          "userIdentity",
          Map.of(
              "type",
              String.valueOf(record.userIdentity().type()),
              "principalId",
              String.valueOf(record.userIdentity().principalId())));
    }
    json.put("eventSourceARN", streamArn);
    return json;
  }

  /** An item (a map of attribute values) in the typed JSON form. */
  static Map<String, Object> item(Map<String, AttributeValue> item) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (item != null) {
      item.forEach((k, v) -> out.put(k, value(v)));
    }
    return out;
  }

  private static Map<String, Object> value(AttributeValue v) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (v.type()) {
      case S -> out.put("S", v.s());
      case N -> out.put("N", v.n());
      case B -> out.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
      case BOOL -> out.put("BOOL", v.bool());
      case NUL -> out.put("NULL", true);
      case SS -> out.put("SS", v.ss());
      case NS -> out.put("NS", v.ns());
      case BS ->
          out.put(
              "BS",
              v.bs().stream()
                  .map(b -> Base64.getEncoder().encodeToString(b.asByteArray()))
                  .toList());
      case M -> out.put("M", item(v.m()));
      case L -> {
        List<Object> list = new ArrayList<>();
        v.l().forEach(e -> list.add(value(e)));
        out.put("L", list);
      }
      default -> throw new IllegalArgumentException("Unknown attribute type " + v.type());
    }
    return out;
  }
}
