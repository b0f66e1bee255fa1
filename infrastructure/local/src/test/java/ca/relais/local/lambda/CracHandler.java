package ca.relais.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Resource;

/** A handler that registers SnapStart hooks during init, as a priming handler would. */
public class CracHandler implements Resource {

  /** What happened, in order, across instances of this JVM. */
  public static final List<String> CALLS = new CopyOnWriteArrayList<>();

  private final Resource second = new Named("second");

  public CracHandler() {
    CALLS.add("init");
    org.crac.Core.getGlobalContext().register(this);
    org.crac.Core.getGlobalContext().register(second);
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    CALLS.add("beforeCheckpoint:first");
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    CALLS.add("afterRestore:first");
  }

  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    CALLS.add("invoke");
    // A resource registered after the snapshot is never called
    org.crac.Core.getGlobalContext().register(new Named("late"));
    return Map.of("ok", true);
  }

  private static final class Named implements Resource {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
      CALLS.add("beforeCheckpoint:" + name);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
      CALLS.add("afterRestore:" + name);
    }
  }
}
