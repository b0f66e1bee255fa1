package ca.relais.local.template;

import java.util.Optional;

/** A {@code ScheduleV2} event (EventBridge Scheduler): an expression, its time zone, its input. */
public record ScheduleEvent(
    String name, String scheduleExpression, Optional<String> timezone, Optional<String> input)
    implements EventSourceDef {}
