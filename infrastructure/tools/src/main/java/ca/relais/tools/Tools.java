package ca.relais.tools;

import ca.relais.tools.routing.RoutingCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator tools of Relais, one runnable jar that talks to a deployed stack (the shell's AWS
 * credentials) or to the local stack ({@code --endpoint-url}):
 *
 * <pre>
 * java -jar infrastructure/tools/target/relais-tools.jar COMMAND [SUBCOMMAND] [ARGUMENTS]
 * java -jar infrastructure/tools/target/relais-tools.jar routing load routing.csv --table TABLE
 * </pre>
 *
 * A new command is a {@link Command} added to {@link #COMMANDS} under its name.
 */
public final class Tools {

  /** The commands, by the name typed first; in the order the usage lists them. */
  static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("routing", new RoutingCommand());
  }

  private Tools() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command named by the first argument.
   *
   * @return the command's exit code; {@link Command#USAGE} (and the usage on {@code err}) for no or
   *     an unknown command
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      err.println(usage());
      return args.length == 0 ? Command.USAGE : Command.OK;
    }
    Command command = COMMANDS.get(args[0]);
    if (command == null) {
      err.println("Unknown command " + args[0] + "\n" + usage());
      return Command.USAGE;
    }
    return command.run(Arrays.asList(args).subList(1, args.length), out, err);
  }

  /** Every command's usage lines. */
  static String usage() {
    StringBuilder usage =
        new StringBuilder(
            "Usage: java -jar infrastructure/tools/target/relais-tools.jar COMMAND ...");
    COMMANDS.values().forEach(c -> usage.append("\n  ").append(c.usage().replace("\n", "\n  ")));
    return usage.toString();
  }
}
