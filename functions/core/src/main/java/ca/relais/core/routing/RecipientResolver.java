package ca.relais.core.routing;

import ca.relais.core.model.Territory;
import ca.relais.core.territory.TestTerritory;
import java.util.Comparator;
import java.util.List;

/** Finds who is responsible for a territory: MRC, then region, then the program inbox. */
public final class RecipientResolver {

  private final RoutingDirectory directory;

  public RecipientResolver(RoutingDirectory directory) {
    this.directory = directory;
  }

  /**
   * The responsible agents, primary before backup; for the {@link TestTerritory}, its recipient
   * only.
   *
   * @throws NoRecipientException when not even the program inbox is configured: the message must
   *     wait (and alarm), never be dropped
   */
  public Recipients resolve(Territory territory) {
    if (TestTerritory.isMrcCode(territory.mrcCode())) {
      // A smoke test's submission goes to the test recipient only, never to a real team.
      List<RelayAgent> agents = directory.agentsOf(TestTerritory.scope());
      if (agents.isEmpty()) {
        throw new NoRecipientException(territory.mrcCode());
      }
      return new Recipients(
          agents.stream().sorted(Comparator.comparing(RelayAgent::role)).toList(), Scope.Kind.MRC);
    }
    for (Scope scope :
        List.of(
            Scope.mrc(territory.mrcCode()),
            Scope.region(territory.regionCode()),
            Scope.program())) {
      List<RelayAgent> agents = directory.agentsOf(scope);
      if (!agents.isEmpty()) {
        return new Recipients(
            agents.stream().sorted(Comparator.comparing(RelayAgent::role)).toList(), scope.kind());
      }
    }
    throw new NoRecipientException(territory.mrcCode());
  }

  /** The routing directory has no program inbox: a configuration error. */
  public static final class NoRecipientException extends RuntimeException {
    public NoRecipientException(String mrcCode) {
      super("No recipient for MRC " + mrcCode + ", its region or the program inbox");
    }
  }
}
