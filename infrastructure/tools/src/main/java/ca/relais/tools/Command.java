package ca.relais.tools;

import java.io.PrintStream;
import java.util.List;

/**
 * One operator command of {@link Tools} ({@code routing}, ...): it reads its own arguments (those
 * after its name) and answers with a process exit code.
 */
public interface Command {

  /** Exit code: done (or checked, with {@code --dry-run}). */
  int OK = 0;

  /** Exit code: the input (a file, a record) is invalid or missing; nothing was written. */
  int INVALID_INPUT = 1;

  /** Exit code: the command line is wrong; the usage was printed. */
  int USAGE = 2;

  /** One line per form of the command, e.g. {@code routing load FILE --table TABLE ...}. */
  String usage();

  /**
   * Runs the command.
   *
   * @param args the arguments after the command's name
   * @param out what the operator reads (results)
   * @param err problems, and the usage after a wrong command line
   * @return {@link #OK}, {@link #INVALID_INPUT}, {@link #USAGE}, or a command's own code
   *     (documented in its usage)
   */
  int run(List<String> args, PrintStream out, PrintStream err);
}
