package ca.relais.core.forms;

/**
 * A delivery of an event that is not a submitted response (Typeform's {@code
 * form_response_partial}, sent while a person is still answering): answered 200, nothing stored.
 */
final class IgnoredEventException extends Exception {

  private final String eventType;

  IgnoredEventException(String eventType) {
    super(eventType, null, false, false);
    this.eventType = eventType;
  }

  String eventType() {
    return eventType;
  }
}
