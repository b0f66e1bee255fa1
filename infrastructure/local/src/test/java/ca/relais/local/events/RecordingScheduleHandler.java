package ca.relais.local.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test scheduled function that takes any JSON object: records it, answers how many it saw. */
public class RecordingScheduleHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  static final List<Map<String, Object>> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    EVENTS.add(event);
    return Map.of("handled", EVENTS.size());
  }
}
