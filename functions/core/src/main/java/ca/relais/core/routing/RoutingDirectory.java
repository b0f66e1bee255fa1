package ca.relais.core.routing;

import java.util.List;

/** Port: who is responsible for what. Kept in DynamoDB in AWS and locally. */
public interface RoutingDirectory {

  /** The agents of one scope, primary first. */
  List<RelayAgent> agentsOf(Scope scope);

  /** Every agent of every scope. */
  List<RelayAgent> all();

  /** Replaces the whole directory with these agents (already validated). */
  void replaceAll(List<RelayAgent> agents);
}
