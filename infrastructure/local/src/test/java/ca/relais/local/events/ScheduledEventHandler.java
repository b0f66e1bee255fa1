package ca.relais.local.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test scheduled function typed as Lambda's {@code ScheduledEvent}: records each event. */
public class ScheduledEventHandler implements RequestHandler<ScheduledEvent, String> {

  static final List<ScheduledEvent> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  public String handleRequest(ScheduledEvent event, Context context) {
    EVENTS.add(event);
    return "ok";
  }
}
