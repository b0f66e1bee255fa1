package ca.relais.local.events;

import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.ScheduleEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge Scheduler for one {@code ScheduleV2} event, on its own daemon thread: fires the
 * function at each time of its expression ({@link ScheduleExpression}) in its {@code
 * ScheduleExpressionTimezone} (UTC when absent), and on demand with {@link #runNow}.
 *
 * <p>The function receives the template's {@code Input} exactly, as Scheduler sends it; without
 * one, an EventBridge "Scheduled Event" ({@code version}, {@code id}, {@code detail-type}, {@code
 * source} aws.scheduler, {@code account}, {@code time}, {@code region}, {@code resources}, {@code
 * detail} {}). A {@code rate()} schedule fires at {@link #start()} and then every period (Scheduler
 * without a StartDate starts at once); missed times are skipped, never caught up. A failed run is
 * logged, not retried ({@code RetryPolicy} is not emulated).
 */
public final class LocalScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalScheduler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULT_REGION = "ca-central-1";
  private static final long MAX_PAUSE_MILLIS = 60_000;

  private final LocalFunction function;
  private final ScheduleEvent schedule;
  private final ScheduleExpression expression;
  private final Clock clock;
  private final String region;
  private final Worker worker;

  /**
   * A scheduler in the project's region (ca-central-1).
   *
   * @param function the function to invoke
   * @param schedule the template's schedule event
   * @param clock the clock that fire times are compared with
   * @throws IllegalArgumentException if the expression or time zone is invalid, with a message that
   *     quotes it
   */
  public LocalScheduler(LocalFunction function, ScheduleEvent schedule, Clock clock) {
    this(function, schedule, DEFAULT_REGION, clock);
  }

  /**
   * A scheduler.
   *
   * @param function the function to invoke
   * @param schedule the template's schedule event
   * @param region the region of the Scheduled Event and its schedule ARN
   * @param clock the clock that fire times are compared with
   * @throws IllegalArgumentException if the expression or time zone is invalid, with a message that
   *     quotes it
   */
  public LocalScheduler(
      LocalFunction function, ScheduleEvent schedule, String region, Clock clock) {
    this.function = function;
    this.schedule = schedule;
    this.region = region;
    this.clock = clock;
    try {
      this.expression =
          ScheduleExpression.parse(
              schedule.scheduleExpression(),
              ScheduleExpression.zone(schedule.timezone().orElse("UTC")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          function.name() + " event " + schedule.name() + ": " + e.getMessage(), e);
    }
    this.worker = new Worker("schedule-" + function.name(), this::run);
  }

  /**
   * Starts firing on schedule.
   *
   * @return this scheduler
   */
  public LocalScheduler start() {
    worker.start();
    LOG.info(
        "{}: schedule {} {}, next at {}",
        function.name(),
        schedule.name(),
        expression,
        expression.isRate()
            ? "start"
            : nextFire(clock.instant()).map(Instant::toString).orElse("never"));
    return this;
  }

  /** The logical id of the function this schedule invokes. */
  public String functionName() {
    return function.name();
  }

  /** The parsed expression, in its time zone. */
  public ScheduleExpression expression() {
    return expression;
  }

  /**
   * The first fire time strictly after an instant (for {@code rate()}, the instant is taken as the
   * previous fire time); empty when the schedule never fires again (a past {@code at()}).
   */
  public Optional<Instant> nextFire(Instant after) {
    return expression.next(after);
  }

  /**
   * The first fire time strictly after an instant (see {@link #nextFire}).
   *
   * @throws NoSuchElementException when the schedule never fires again
   */
  public Instant nextFireTime(Instant after) {
    return expression.nextAfter(after);
  }

  /**
   * Invokes the function now, in the calling thread.
   *
   * @param inputOverride the event to send instead of the template's {@code Input} (JSON)
   * @return the function's JSON response
   * @throws LocalFunction.FunctionError when the function fails
   */
  public String runNow(Optional<String> inputOverride) throws LocalFunction.FunctionError {
    LOG.info(
        "{}: schedule {} run on demand{}",
        function.name(),
        schedule.name(),
        inputOverride.isPresent() ? " with another input" : "");
    return invoke(inputOverride, clock.instant());
  }

  private String invoke(Optional<String> inputOverride, Instant time)
      throws LocalFunction.FunctionError {
    String event = inputOverride.or(schedule::input).orElseGet(() -> scheduledEvent(time));
    return function.invoke(event);
  }

  /** The event Scheduler sends without an Input: an EventBridge "Scheduled Event". */
  String scheduledEvent(Instant time) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", "Scheduled Event");
    event.put("source", "aws.scheduler");
    event.put("account", "000000000000");
    event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", region);
    event.put(
        "resources",
        List.of(
            "arn:aws:scheduler:"
                + region
                + ":000000000000:schedule/default/"
                + function.name()
                + schedule.name()));
    event.put("detail", Map.of());
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void run() {
    try {
      Optional<Instant> next =
          expression.isRate() ? Optional.of(clock.instant()) : expression.next(clock.instant());
      while (worker.running() && next.isPresent()) {
        Instant fireAt = next.get();
        long wait = fireAt.toEpochMilli() - clock.millis();
        while (wait > 0) {
          if (!worker.pause(Math.min(wait, MAX_PAUSE_MILLIS))) {
            return;
          }
          wait = fireAt.toEpochMilli() - clock.millis();
        }
        fire(fireAt);
        next = following(fireAt);
      }
      if (next.isEmpty()) {
        LOG.info("{}: schedule {} does not fire again", function.name(), schedule.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void fire(Instant fireAt) {
    long begin = System.nanoTime();
    try {
      invoke(Optional.empty(), fireAt);
      LOG.info(
          "{}: schedule {} ran for {} in {} ms",
          function.name(),
          schedule.name(),
          fireAt,
          (System.nanoTime() - begin) / 1_000_000);
    } catch (LocalFunction.FunctionError | RuntimeException e) {
      LOG.warn(
          "{}: schedule {} failed for {}",
          function.name(),
          schedule.name(),
          fireAt,
          e instanceof LocalFunction.FunctionError ? e.getCause() : e);
    }
  }

  /** The next time after a run, skipping the times that passed while it ran. */
  private Optional<Instant> following(Instant fired) {
    Instant now = clock.instant();
    if (!expression.isRate()) {
      return expression.next(fired.isAfter(now) ? fired : now);
    }
    Instant next = expression.nextAfter(fired);
    if (!next.isAfter(now)) {
      Duration period = Duration.between(fired, next);
      long missed = Duration.between(next, now).toMillis() / period.toMillis() + 1;
      next = next.plus(period.multipliedBy(missed));
    }
    return Optional.of(next);
  }

  /** Stops the schedule; a run in progress has up to 10 s to finish. */
  @Override
  public void close() {
    worker.close();
  }
}
