package ca.relais.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line after the command's name: positional words, {@code --name value}, {@code
 * --name=value}, and switches ({@code --dry-run}).
 *
 * @param positional the words that are not flags, in order
 * @param flags the flags by name (without {@code --}); a switch has the value {@code "true"}
 */
public record Arguments(List<String> positional, Map<String, String> flags) {

  /**
   * Reads a command line.
   *
   * @param args the words
   * @param switches the flags that take no value
   * @param valued the flags that take one
   * @throws IllegalArgumentException naming an unknown flag, or a valued flag without its value
   */
  public static Arguments parse(List<String> args, Set<String> switches, Set<String> valued) {
    List<String> positional = new ArrayList<>();
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (switches.contains(name) && value == null) {
        flags.put(name, "true");
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new IllegalArgumentException("--" + name + " needs a value");
          }
          value = args.get(++i);
        }
        flags.put(name, value);
      } else {
        throw new IllegalArgumentException("Unknown flag --" + name);
      }
    }
    return new Arguments(List.copyOf(positional), Map.copyOf(flags));
  }

  /** A flag's value. */
  public Optional<String> flag(String name) {
    return Optional.ofNullable(flags.get(name));
  }

  /** Whether a switch was given. */
  public boolean has(String name) {
    return flags.containsKey(name);
  }
}
