package ca.relais.local.events;

import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.ScheduleEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge Scheduler for one {@code ScheduleV2} event: fires the function at each time of its
 * expression in its time zone, with the template's {@code Input} as the event (as Scheduler does),
 * or an EventBridge "Scheduled Event" when there is none; and on demand with {@link #runNow}.
 */
public final class LocalScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalScheduler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalFunction function;
  private final ScheduleEvent schedule;
  private final ScheduleExpression expression;
  private final Clock clock;
  private final String region;
  private final Thread thread;
  private volatile boolean running = true;

  public LocalScheduler(
      LocalFunction function, ScheduleEvent schedule, String region, Clock clock) {
    this.function = function;
    this.schedule = schedule;
    this.region = region;
    this.clock = clock;
    this.expression =
        ScheduleExpression.parse(
            schedule.scheduleExpression(), ZoneId.of(schedule.timezone().orElse("UTC")));
    this.thread = new Thread(this::run, "schedule-" + function.name());
    this.thread.setDaemon(true);
  }

  public LocalScheduler start() {
    thread.start();
    LOG.info(
        "{} scheduled: {}, next at {}", function.name(), expression, nextFireTime(clock.instant()));
    return this;
  }

  public Instant nextFireTime(Instant after) {
    return expression.nextAfter(after);
  }

  public String functionName() {
    return function.name();
  }

  /**
   * Invokes now.
   *
   * @param inputOverride the event to send instead of the template's input
   * @return the function's JSON response
   */
  public String runNow(Optional<String> inputOverride) throws LocalFunction.FunctionError {
    String event = inputOverride.or(schedule::input).orElseGet(this::scheduledEvent);
    return function.invoke(event);
  }

  private String scheduledEvent() {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", "Scheduled Event");
    event.put("source", "aws.scheduler");
    event.put("account", "000000000000");
    event.put("time", clock.instant().toString());
    event.put("region", region);
    event.put(
        "resources",
        List.of(
            "arn:aws:scheduler:" + region + ":000000000000:schedule/default/" + function.name()));
    event.put("detail", Map.of());
    try {
      return JSON.writeValueAsString(event);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void run() {
    while (running) {
      Instant next = expression.nextAfter(clock.instant());
      try {
        long wait = next.toEpochMilli() - clock.millis();
        while (wait > 0 && running) {
          Thread.sleep(Math.min(wait, 60_000));
          wait = next.toEpochMilli() - clock.millis();
        }
        if (running) {
          runNow(Optional.empty());
          LOG.info("{} ran on schedule at {}", function.name(), next);
        }
      } catch (InterruptedException e) {
        return;
      } catch (LocalFunction.FunctionError e) {
        LOG.warn("{} failed on its schedule at {}", function.name(), next, e.getCause());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
