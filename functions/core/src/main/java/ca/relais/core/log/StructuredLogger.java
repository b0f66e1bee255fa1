package ca.relais.core.log;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One JSON object per line on standard error, which Lambda sends to CloudWatch Logs.
 *
 * <p>Callers pass an event name and fields, never free text built from user input: log fields are
 * ids, codes and counts, never names, emails, phone numbers or descriptions.
 *
 * <p>A line is {@code {"time":…,"level":…,"component":…,"event":…, fields…}} (plus {@code
 * "exception"} for a failure). These keys are the logger's own: a field a caller names like one of
 * them ({@code "level"}, {@code "time"}...) never replaces it, it is written as {@code
 * "field_level"}, {@code "field_time"}... The same for a field named twice in one call: the first
 * value keeps the name, a later one gets the {@code field_} prefix (then a number). Numbers that
 * JSON cannot hold (NaN, infinities) are written as strings.
 */
public final class StructuredLogger {

  /** The keys the logger writes itself; callers' fields never overwrite them. */
  static final Set<String> RESERVED_KEYS =
      Set.of("time", "level", "component", "event", "exception", "priming");

  /** Set on a thread inside a {@link #primingScope()}. */
  private static final ThreadLocal<Boolean> PRIMING = ThreadLocal.withInitial(() -> false);

  /** A span of a thread's work whose lines are marked as priming; {@link #close()} ends it. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Marks this thread's lines as SnapStart priming until the scope is closed (scopes nest): each
   * line gets {@code "priming": true} and the level {@code INFO}. Priming sends invented requests
   * through the real path, and their expected outcomes (a submission that does not exist, a write
   * answered by the dry run's loopback instead of AWS) would otherwise be logged as warnings and
   * errors at every snapshot, read as faults or counted by an alarm.
   */
  public static Scope primingScope() {
    boolean outer = PRIMING.get();
    PRIMING.set(true);
    return () -> PRIMING.set(outer);
  }

  /** The prefix of a caller's field whose name is taken (reserved or used before in the line). */
  static final String RENAMED_PREFIX = "field_";

  private final String component;
  private final Supplier<PrintStream> sink;

  private StructuredLogger(String component, Supplier<PrintStream> sink) {
    this.component = component;
    this.sink = sink;
  }

  /** A logger writing to {@code sink} (tests read the lines). */
  static StructuredLogger writingTo(Class<?> component, PrintStream sink) {
    return new StructuredLogger(component.getSimpleName(), () -> sink);
  }

  /** A logger for a component, writing to standard error (as it is at each line). */
  public static StructuredLogger forComponent(Class<?> component) {
    return new StructuredLogger(component.getSimpleName(), () -> System.err);
  }

  public void info(String event, Object... keyValues) {
    write("INFO", event, keyValues);
  }

  public void warn(String event, Object... keyValues) {
    write("WARN", event, keyValues);
  }

  public void error(String event, Object... keyValues) {
    write("ERROR", event, keyValues);
  }

  /** Logs a failure by its exception class only: messages may quote user input. */
  public void error(String event, Throwable failure, Object... keyValues) {
    write("ERROR", event, Optional.of(failure.getClass().getName()), keyValues);
  }

  private void write(String level, String event, Object... keyValues) {
    write(level, event, Optional.empty(), keyValues);
  }

  private void write(String level, String event, Optional<String> exception, Object... keyValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("time", Instant.now().toString());
    boolean priming = PRIMING.get();
    fields.put("level", priming ? "INFO" : level);
    fields.put("component", component);
    fields.put("event", event);
    exception.ifPresent(name -> fields.put("exception", name));
    if (priming) {
      fields.put("priming", true);
    }
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      fields.put(freeKey(fields, String.valueOf(keyValues[i])), keyValues[i + 1]);
    }
    StringBuilder line = new StringBuilder(128).append('{');
    boolean first = true;
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      if (!first) {
        line.append(',');
      }
      first = false;
      appendString(line, field.getKey());
      line.append(':');
      Object value = field.getValue();
      if (value instanceof Boolean || value instanceof Number number && finite(number)) {
        line.append(value);
      } else {
        appendString(line, String.valueOf(value));
      }
    }
    sink.get().println(line.append('}'));
  }

  /** {@code key}, or {@code field_key} (then {@code field_key_2}...) when the line has it. */
  private static String freeKey(Map<String, Object> fields, String key) {
    if (!RESERVED_KEYS.contains(key) && !fields.containsKey(key)) {
      return key;
    }
    String renamed = RENAMED_PREFIX + key;
    for (int n = 2; fields.containsKey(renamed); n++) {
      renamed = RENAMED_PREFIX + key + "_" + n;
    }
    return renamed;
  }

  private static boolean finite(Number number) {
    return !(number instanceof Double d && !Double.isFinite(d))
        && !(number instanceof Float f && !Float.isFinite(f));
  }

  private static void appendString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
