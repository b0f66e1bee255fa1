package ca.relais.core.routing;

import java.util.List;

/**
 * Who receives the alerts of one MRC, and from which level they came: the MRC's own agents, else
 * its region's relay team, else the program inbox. A fallback is said in the email.
 */
public record Recipients(List<RelayAgent> agents, Scope.Kind level) {

  public Recipients {
    agents = List.copyOf(agents);
  }

  public boolean isFallback() {
    return level != Scope.Kind.MRC;
  }
}
