package ca.relais.core.log;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One JSON object per line on standard error, which Lambda sends to CloudWatch Logs.
 *
 * <p>Callers pass an event name and fields, never free text built from user input: log fields are
 * ids, codes and counts, never names, emails, phone numbers or descriptions.
 */
public final class StructuredLogger {

  private final String component;
  private final Supplier<PrintStream> sink;

  private StructuredLogger(String component, Supplier<PrintStream> sink) {
    this.component = component;
    this.sink = sink;
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
    Object[] all = new Object[keyValues.length + 2];
    System.arraycopy(keyValues, 0, all, 0, keyValues.length);
    all[keyValues.length] = "exception";
    all[keyValues.length + 1] = failure.getClass().getName();
    write("ERROR", event, all);
  }

  private void write(String level, String event, Object... keyValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("time", Instant.now().toString());
    fields.put("level", level);
    fields.put("component", component);
    fields.put("event", event);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      fields.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
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
      if (value instanceof Number || value instanceof Boolean) {
        line.append(value);
      } else {
        appendString(line, String.valueOf(value));
      }
    }
    sink.get().println(line.append('}'));
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
