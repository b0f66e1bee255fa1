package ca.relais.tools;

import ca.relais.core.config.Environment;
import ca.relais.tools.person.PersonCommand;
import ca.relais.tools.routing.RoutingCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The operator tools of Relais, one runnable jar that talks to a deployed stack or to the local
 * stack ({@code --endpoint-url}), with credentials taken as the functions take them (access-key
 * variables, else the container-credentials endpoint; never a profile file or IMDS):
 *
 * <pre>
 * java -jar infrastructure/tools/target/relais-tools.jar COMMAND [SUBCOMMAND] [ARGUMENTS]
 * java -jar infrastructure/tools/target/relais-tools.jar routing load routing.csv --table TABLE
 * java -jar infrastructure/tools/target/relais-tools.jar person find --email ADDRESS --table TABLE
 * </pre>
 *
 * A new command is a {@link Command} added to {@link #COMMANDS} under its name.
 */
public final class Tools {

  /** The commands, by the name typed first; in the order the usage lists them. */
  static final Map<String, Function<Environment, Command>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("routing", RoutingCommand::new);
    COMMANDS.put("person", PersonTool::new);
  }

  private Tools() {}

  public static void main(String[] args) {
    System.exit(run(args, Environment.system(), System.out, System.err));
  }

  /** Runs the command named by the first argument, in the process's environment. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, Environment.system(), out, err);
  }

  /**
   * Runs the command named by the first argument.
   *
   * @param environment where credentials, region and secrets ({@code PERSON_KEY_SECRET}) come from
   * @return the command's exit code; {@link Command#USAGE} (and the usage on {@code err}) for no or
   *     an unknown command
   */
  public static int run(String[] args, Environment environment, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      err.println(usage(environment));
      return args.length == 0 ? Command.USAGE : Command.OK;
    }
    Function<Environment, Command> command = COMMANDS.get(args[0]);
    if (command == null) {
      err.println("Unknown command " + args[0] + "\n" + usage(environment));
      return Command.USAGE;
    }
    return command.apply(environment).run(Arrays.asList(args).subList(1, args.length), out, err);
  }

  /** Every command's usage lines. */
  static String usage(Environment environment) {
    StringBuilder usage =
        new StringBuilder(
            "Usage: java -jar infrastructure/tools/target/relais-tools.jar COMMAND ...");
    COMMANDS
        .values()
        .forEach(
            c -> usage.append("\n  ").append(c.apply(environment).usage().replace("\n", "\n  ")));
    return usage.toString();
  }

  /** {@code person ...}: a person's rights over what Relais holds ({@link PersonCommand}). */
  private record PersonTool(Environment environment) implements Command {
    @Override
    public String usage() {
      return PersonCommand.USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
      return PersonCommand.run(args.toArray(String[]::new), environment, out, err);
    }
  }
}
