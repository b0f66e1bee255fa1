package ca.relais.local.template;

import java.util.Optional;

/**
 * A {@code ScheduleV2} (EventBridge Scheduler) or {@code Schedule} (EventBridge rule) event.
 *
 * @param name the event's name
 * @param scheduleExpression {@code cron(...)}, {@code rate(...)} or {@code at(...)}
 * @param timezone {@code ScheduleExpressionTimezone} (ScheduleV2 only; UTC when absent)
 * @param input {@code Input}: the JSON text the function receives
 */
public record ScheduleEvent(
    String name, String scheduleExpression, Optional<String> timezone, Optional<String> input)
    implements EventSourceDef {}
