package ca.relais.local;

import ca.relais.local.events.DynamoDbStreamPoller;
import ca.relais.local.events.LocalScheduler;
import ca.relais.local.events.SqsPoller;
import ca.relais.local.gateway.LocalGateway.ControlHandler;
import ca.relais.local.gateway.LocalGateway.ControlResponse;
import ca.relais.local.lambda.LocalFunction;
import ca.relais.local.template.DynamoDbStreamEvent;
import ca.relais.local.template.EventSourceDef;
import ca.relais.local.template.FunctionDef;
import ca.relais.local.template.LocalResources;
import ca.relais.local.template.SamTemplate;
import ca.relais.local.template.ScheduleEvent;
import ca.relais.local.template.SqsEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The template's non-HTTP event sources, started locally: DynamoDB stream and SQS mappings as
 * pollers, {@code ScheduleV2} events as schedulers, and the control endpoint {@code POST
 * /_local/schedules/{FunctionLogicalId}} that runs a schedule now (query parameters become the
 * event's JSON fields: {@code ?week=2026-W47&preview=true}; {@code true}/{@code false} as booleans)
 * and answers the function's result as is: 200, or 400 when the result has an {@code error} field,
 * 502 when the function failed.
 */
final class LocalEventSources implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<AutoCloseable> running = new ArrayList<>();
  private final Map<String, LocalScheduler> schedulers = new LinkedHashMap<>();

  static LocalEventSources start(
      SamTemplate template,
      LocalResources resources,
      Map<String, LocalFunction> functions,
      DynamoDbStreamsClient streams,
      SqsClient sqs) {
    LocalEventSources sources = new LocalEventSources();
    try {
      for (FunctionDef function : template.functions().values()) {
        LocalFunction local = functions.get(function.logicalId());
        for (EventSourceDef event : function.events()) {
          if (event instanceof DynamoDbStreamEvent stream) {
            Consumer<String> onFailure =
                stream
                    .onFailureQueueLogicalId()
                    .<Consumer<String>>map(
                        q ->
                            body ->
                                sqs.sendMessage(
                                    r -> r.queueUrl(resources.queueUrl(q)).messageBody(body)))
                    .orElse(body -> {});
            sources.running.add(
                new DynamoDbStreamPoller(
                        streams,
                        resources.streamArn(stream.tableLogicalId()),
                        resources.region(),
                        local,
                        stream,
                        onFailure)
                    .start());
          } else if (event instanceof SqsEvent queue) {
            sources.running.add(
                new SqsPoller(
                        sqs,
                        resources.queueUrl(queue.queueLogicalId()),
                        resources.queueArn(queue.queueLogicalId()),
                        resources.region(),
                        local,
                        queue)
                    .start());
          } else if (event instanceof ScheduleEvent schedule) {
            LocalScheduler scheduler =
                new LocalScheduler(local, schedule, resources.region(), Clock.systemUTC()).start();
            sources.running.add(scheduler);
            sources.schedulers.put(function.logicalId(), scheduler);
          }
        }
      }
    } catch (RuntimeException e) {
      sources.close();
      throw e;
    }
    return sources;
  }

  /** The control endpoints for the gateway. */
  Map<String, ControlHandler> controls() {
    return Map.of("/_local/schedules", this::schedules);
  }

  private ControlResponse schedules(String method, String rest, Map<String, String> query)
      throws Exception {
    String id = rest.startsWith("/") ? rest.substring(1) : rest;
    if (id.isEmpty()) {
      Map<String, String> next = new LinkedHashMap<>();
      schedulers.forEach(
          (name, s) ->
              next.put(
                  name, s.nextFire(java.time.Instant.now()).map(Object::toString).orElse("never")));
      return new ControlResponse(200, JSON.writeValueAsString(Map.of("schedules", next)));
    }
    LocalScheduler scheduler = schedulers.get(id);
    if (scheduler == null) {
      return new ControlResponse(
          404,
          JSON.writeValueAsString(
              Map.of(
                  "message", "No schedule for function " + id, "schedules", schedulers.keySet())));
    }
    if (!method.equals("POST")) {
      return new ControlResponse(405, "{\"message\":\"Use POST to run a schedule now\"}");
    }
    Optional<String> input = Optional.empty();
    if (!query.isEmpty()) {
      ObjectNode event = JSON.createObjectNode();
      query.forEach(
          (name, value) -> {
            if (value.equals("true") || value.equals("false")) {
              event.put(name, Boolean.parseBoolean(value));
            } else {
              event.put(name, value);
            }
          });
      input = Optional.of(JSON.writeValueAsString(event));
    }
    try {
      String response = scheduler.runNow(input);
      // the function's answer as is; one that reports an "error" (a bad input) is a 400
      boolean refused = JSON.readTree(response).has("error");
      return new ControlResponse(refused ? 400 : 200, response);
    } catch (LocalFunction.FunctionError e) {
      return new ControlResponse(
          502,
          "{\"function\":\""
              + id
              + "\",\"message\":\"The function failed; see the local stack's log\"}");
    }
  }

  @Override
  public void close() {
    for (AutoCloseable source : running) {
      try {
        source.close();
      } catch (Exception e) {
        Thread.currentThread().interrupt();
      }
    }
    running.clear();
  }
}
