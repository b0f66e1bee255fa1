package ca.relais.dispatch;

import ca.relais.core.dispatch.StreamChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DynamoDB stream event as the Lambda runtime hands it to a {@code Map} handler (its JSON read
 * into maps, lists and strings, without aws-lambda-java-events and the joda-time its serializer
 * loads): {@code {"Records": [{"eventName": "INSERT", "dynamodb": {"Keys": {"pk": {"S": "SUB#O-…"},
 * "sk": {"S": "SUBMISSION"}}, "NewImage": {…}, "SequenceNumber": "111"}}, …]}}.
 */
final class StreamEvent {

  private StreamEvent() {}

  /**
   * One record of the batch: its sequence number ({@code ""} when it has none) and the change it
   * carries, empty when the record cannot be read (no event name, no {@code dynamodb} part, no
   * sequence number, or neither string keys {@code pk}/{@code sk} nor a new image).
   */
  record Record(String sequenceNumber, Optional<StreamChange> change) {}

  /**
   * The records of an event, in stream order; none when the event has no {@code Records}.
   *
   * @throws IllegalArgumentException when {@code Records} is not a list (nothing of the batch can
   *     be read: the whole batch fails and is read again)
   */
  static List<Record> records(Map<String, Object> event) {
    Object records = event == null ? null : event.get("Records");
    if (records == null) {
      return List.of();
    }
    if (!(records instanceof List<?> list)) {
      throw new IllegalArgumentException("The stream event's Records is not a list");
    }
    return list.stream().map(StreamEvent::record).toList();
  }

  /**
   * A record: keys only ({@code KEYS_ONLY}, the template's view) give the submission id from {@code
   * pk = SUB#{id}} and the record type from {@code sk}; a record with a new image (older stream
   * view) gives its attributes.
   */
  private static Record record(Object raw) {
    Map<?, ?> record = map(raw).orElse(Map.of());
    Map<?, ?> dynamodb = map(record.get("dynamodb")).orElse(Map.of());
    Optional<String> sequenceNumber =
        string(dynamodb.get("SequenceNumber")).filter(text -> !text.isBlank());
    Optional<String> eventName = string(record.get("eventName")).filter(text -> !text.isBlank());
    Map<?, ?> image = map(dynamodb.get("NewImage")).orElse(Map.of());
    Map<?, ?> keys = map(dynamodb.get("Keys")).orElse(Map.of());
    boolean hasKeys = text(keys, "pk").isPresent() && text(keys, "sk").isPresent();
    if (sequenceNumber.isEmpty() || eventName.isEmpty() || (!hasKeys && image.isEmpty())) {
      return new Record(sequenceNumber.orElse(""), Optional.empty());
    }
    Optional<String> recordType = text(image, "recordType").or(() -> text(keys, "sk"));
    Optional<String> id =
        text(image, "id")
            .or(
                () ->
                    text(keys, "pk")
                        .filter(pk -> pk.startsWith("SUB#"))
                        .map(pk -> pk.substring("SUB#".length())));
    return new Record(
        sequenceNumber.get(),
        Optional.of(
            new StreamChange(
                sequenceNumber.get(),
                "INSERT".equals(eventName.get()),
                recordType,
                id,
                text(image, "submissionType"),
                text(image, "mrcCode"))));
  }

  /** The string value ({@code {"S": "…"}}) of an attribute of an image or of the keys. */
  private static Optional<String> text(Map<?, ?> image, String name) {
    return map(image.get(name)).flatMap(value -> string(value.get("S")));
  }

  private static Optional<Map<?, ?>> map(Object value) {
    return value instanceof Map<?, ?> map ? Optional.of(map) : Optional.empty();
  }

  private static Optional<String> string(Object value) {
    return value instanceof String text ? Optional.of(text) : Optional.empty();
  }
}
