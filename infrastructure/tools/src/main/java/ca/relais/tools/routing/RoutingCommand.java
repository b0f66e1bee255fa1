package ca.relais.tools.routing;

import ca.relais.core.config.Environment;
import ca.relais.tools.Command;
import java.io.PrintStream;
import java.util.List;

/** {@code routing load FILE ...}: the routing directory of a Relais table. */
public final class RoutingCommand implements Command {

  private final Environment environment;

  /** The command, with AWS clients built from {@code environment} (credentials, region). */
  public RoutingCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public String usage() {
    return LoadRoutingDirectory.USAGE;
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || !args.get(0).equals("load")) {
      err.println(
          (args.isEmpty()
                  ? "routing needs a subcommand"
                  : "Unknown subcommand routing " + args.get(0))
              + "\nUsage: "
              + usage());
      return USAGE;
    }
    return LoadRoutingDirectory.run(args.subList(1, args.size()), environment, out, err);
  }
}
