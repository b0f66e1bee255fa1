package ca.relais.local.template;

/** One event of a function in the template: an HTTP route, a stream, a queue, a schedule. */
public sealed interface EventSourceDef
    permits HttpApiEvent, DynamoDbStreamEvent, SqsEvent, ScheduleEvent {

  /** The event's name in the template (its key under {@code Events}). */
  String name();
}
