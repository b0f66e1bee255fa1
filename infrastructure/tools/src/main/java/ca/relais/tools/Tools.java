package ca.relais.tools;

import ca.relais.core.config.Environment;
import ca.relais.tools.person.PersonCommand;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The operator's command line: {@code java -jar relais-tools.jar COMMAND ...}. Commands: {@code
 * person} (a person's records: find, export, rectify, erase, withdraw, register).
 */
public final class Tools {

  private Tools() {}

  public static void main(String[] args) {
    System.exit(run(args, Environment.system(), System.out, System.err));
  }

  /**
   * Runs one command.
   *
   * @return the process exit code: 0 done, 1 failed, 2 wrong usage
   */
  public static int run(String[] args, Environment environment, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("usage: relais-tools person ACTION (--email ADDRESS | --id ID) [options]");
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "person" -> PersonCommand.run(rest, environment, out, err);
      default -> {
        err.println("unknown command " + args[0] + "; use: person");
        yield 2;
      }
    };
  }
}
