package ca.relais.core.testing;

import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.RoutingDirectory;
import ca.relais.core.routing.Scope;
import java.util.ArrayList;
import java.util.List;

/** A fake routing directory. */
public final class InMemoryRoutingDirectory implements RoutingDirectory {

  private final List<RelayAgent> agents = new ArrayList<>();

  public InMemoryRoutingDirectory(List<RelayAgent> agents) {
    this.agents.addAll(agents);
  }

  @Override
  public List<RelayAgent> agentsOf(Scope scope) {
    return agents.stream().filter(a -> a.scope().equals(scope)).toList();
  }

  @Override
  public List<RelayAgent> all() {
    return List.copyOf(agents);
  }

  @Override
  public void replaceAll(List<RelayAgent> replacement) {
    agents.clear();
    agents.addAll(replacement);
  }
}
