package ca.relais.notify;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An SQS event as the Lambda runtime hands it to a {@code Map} handler (its JSON read into maps,
 * lists and strings, without aws-lambda-java-events and the joda-time its serializer loads): {@code
 * {"Records": [{"messageId": "059f…", "body": "{\"submissionId\":…}", "attributes":
 * {"MessageGroupId": "100", …}, …}, …]}}.
 */
final class QueueEvent {

  private QueueEvent() {}

  /**
   * One message of the batch.
   *
   * @param messageId its id, Lambda's {@code itemIdentifier}; {@code ""} when the record has none
   *     (reported so, Lambda fails the whole batch: the message is received again, not lost)
   * @param group its FIFO message group (the MRC), {@code ""} when the record has none
   * @param body its body; empty when the record has no body (or not a string), which is a record
   *     that was not read, not a message without content: it is reported failed and stays on the
   *     queue, body and all, never set aside with an empty body
   */
  record Message(String messageId, String group, Optional<String> body) {

    /** True when the record names its message: it can be set aside or reported by its id. */
    boolean identified() {
      return !messageId.isEmpty();
    }
  }

  /**
   * The messages of an event, in queue order; none when the event has no {@code Records}.
   *
   * @throws IllegalArgumentException when {@code Records} is not a list (nothing of the batch can
   *     be read: the whole batch fails and is received again)
   */
  static List<Message> messages(Map<String, Object> event) {
    Object records = event == null ? null : event.get("Records");
    if (records == null) {
      return List.of();
    }
    if (!(records instanceof List<?> list)) {
      throw new IllegalArgumentException("The queue event's Records is not a list");
    }
    return list.stream().map(QueueEvent::message).toList();
  }

  private static Message message(Object raw) {
    Map<?, ?> record = raw instanceof Map<?, ?> map ? map : Map.of();
    Map<?, ?> attributes = record.get("attributes") instanceof Map<?, ?> map ? map : Map.of();
    return new Message(
        string(record.get("messageId")).filter(id -> !id.isBlank()).orElse(""),
        string(attributes.get("MessageGroupId")).orElse(""),
        string(record.get("body")));
  }

  private static Optional<String> string(Object value) {
    return value instanceof String text ? Optional.of(text) : Optional.empty();
  }
}
