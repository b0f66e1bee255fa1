package ca.relais.local.events;

import static ca.relais.local.events.Emulators.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.ScheduleEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalSchedulerTest {

  private static final ScheduleEvent WEEKLY =
      new ScheduleEvent(
          "Weekly",
          "cron(0 8 ? * MON *)",
          Optional.of("America/Toronto"),
          Optional.of("{\"week\": \"previous\"}"));

  private LocalFunction recording;
  private LocalFunction typed;

  @BeforeEach
  void setUp() {
    RecordingScheduleHandler.EVENTS.clear();
    ScheduledEventHandler.EVENTS.clear();
    recording =
        LocalFunction.load(
            "DigestFunction", RecordingScheduleHandler.class.getName(), "handleRequest", 5);
    typed =
        LocalFunction.load(
            "TickFunction", ScheduledEventHandler.class.getName(), "handleRequest", 5);
  }

  @Test
  void runNow_sendsTheTemplateInputExactly_andReturnsTheFunctionsResponse() throws Exception {
    LocalScheduler scheduler = new LocalScheduler(recording, WEEKLY, Clock.systemUTC());
    String response = scheduler.runNow(Optional.empty());
    assertEquals(List.of(Map.of("week", "previous")), RecordingScheduleHandler.EVENTS);
    assertEquals("{\"handled\":1}", response);
  }

  @Test
  void runNow_withAnOverride_sendsTheOverrideInstead() throws Exception {
    LocalScheduler scheduler = new LocalScheduler(recording, WEEKLY, Clock.systemUTC());
    scheduler.runNow(Optional.of("{\"week\": \"2026-W47\"}"));
    assertEquals(List.of(Map.of("week", "2026-W47")), RecordingScheduleHandler.EVENTS);
  }

  @Test
  void withoutInput_theFunctionGetsAnEventBridgeScheduledEvent() throws Exception {
    Clock fixed = Clock.fixed(Instant.parse("2026-11-23T13:00:00.250Z"), java.time.ZoneOffset.UTC);
    ScheduleEvent noInput =
        new ScheduleEvent("Tick", "rate(5 minutes)", Optional.empty(), Optional.empty());
    new LocalScheduler(typed, noInput, "ca-central-1", fixed).runNow(Optional.empty());
    ScheduledEvent event = ScheduledEventHandler.EVENTS.get(0);
    assertEquals("Scheduled Event", event.getDetailType());
    assertEquals("aws.scheduler", event.getSource());
    assertEquals("0", event.getVersion());
    assertEquals("000000000000", event.getAccount());
    assertEquals("ca-central-1", event.getRegion());
    assertEquals(Instant.parse("2026-11-23T13:00:00Z").toEpochMilli(), event.getTime().getMillis());
    assertEquals(
        List.of("arn:aws:scheduler:ca-central-1:000000000000:schedule/default/TickFunctionTick"),
        event.getResources());
    assertEquals(Map.of(), event.getDetail());
    assertTrue(event.getId().matches("[0-9a-f-]{36}"), event.getId());
    String json = new LocalScheduler(recording, noInput, fixed).scheduledEvent(fixed.instant());
    assertTrue(json.contains("\"time\":\"2026-11-23T13:00:00Z\""), json);
  }

  @Test
  void nextFireTime_isTheExpressionsInItsTimeZone() {
    LocalScheduler scheduler = new LocalScheduler(recording, WEEKLY, Clock.systemUTC());
    assertEquals(
        Instant.parse("2026-11-23T13:00:00Z"),
        scheduler.nextFireTime(Instant.parse("2026-11-22T10:00:00Z")));
    assertEquals(
        Instant.parse("2026-07-06T12:00:00Z"),
        scheduler.nextFireTime(Instant.parse("2026-07-01T00:00:00Z")));
    LocalScheduler once =
        new LocalScheduler(
            recording,
            new ScheduleEvent(
                "Once", "at(2026-01-01T00:00:00)", Optional.empty(), Optional.empty()),
            Clock.systemUTC());
    assertEquals(Optional.empty(), once.nextFire(Instant.parse("2026-06-01T00:00:00Z")));
    assertThrows(
        NoSuchElementException.class,
        () -> once.nextFireTime(Instant.parse("2026-06-01T00:00:00Z")));
  }

  @Test
  void firesOnItsScheduleOnItsOwnThread_andClosesAtOnceWhileWaiting() throws Exception {
    // A clock 800 ms before a minute boundary: an every-minute schedule fires at once
    Instant now = Instant.now();
    Instant boundary = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(now, boundary.minusMillis(800)));
    ScheduleEvent everyMinute =
        new ScheduleEvent("Tick", "cron(* * * * ? *)", Optional.of("UTC"), Optional.empty());
    LocalScheduler scheduler = new LocalScheduler(typed, everyMinute, clock).start();
    try {
      await(
          () -> !ScheduledEventHandler.EVENTS.isEmpty(),
          Duration.ofSeconds(5),
          () -> "the scheduled run");
      assertEquals(
          boundary.toEpochMilli(), ScheduledEventHandler.EVENTS.get(0).getTime().getMillis());
    } finally {
      long begin = System.nanoTime();
      scheduler.close();
      long millis = (System.nanoTime() - begin) / 1_000_000;
      assertTrue(millis < 1_000, "closed in " + millis + " ms while waiting for the next minute");
    }
    assertEquals(1, ScheduledEventHandler.EVENTS.size());
  }

  @Test
  void aRateScheduleFiresAtStart() throws Exception {
    ScheduleEvent hourly =
        new ScheduleEvent("Hourly", "rate(1 hour)", Optional.empty(), Optional.of("{\"n\": 1}"));
    try (LocalScheduler scheduler =
        new LocalScheduler(recording, hourly, Clock.systemUTC()).start()) {
      await(
          () -> !RecordingScheduleHandler.EVENTS.isEmpty(),
          Duration.ofSeconds(5),
          () -> "the first run");
    }
    assertEquals(List.of(Map.of("n", 1)), RecordingScheduleHandler.EVENTS);
  }

  @Test
  void anInvalidExpressionOrTimeZone_isRefusedNamingTheFunctionAndEvent() {
    IllegalArgumentException expression =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new LocalScheduler(
                    recording,
                    new ScheduleEvent(
                        "Weekly", "cron(0 8 * * MON *)", Optional.empty(), Optional.empty()),
                    Clock.systemUTC()));
    assertTrue(
        expression.getMessage().startsWith("DigestFunction event Weekly: "),
        expression.getMessage());
    assertTrue(expression.getMessage().contains("cron(0 8 * * MON *)"), expression.getMessage());
    IllegalArgumentException zone =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new LocalScheduler(
                    recording,
                    new ScheduleEvent(
                        "Weekly",
                        "cron(0 8 ? * MON *)",
                        Optional.of("Quebec/Montreal"),
                        Optional.empty()),
                    Clock.systemUTC()));
    assertTrue(zone.getMessage().contains("Quebec/Montreal"), zone.getMessage());
  }
}
