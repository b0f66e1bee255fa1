package ca.relais.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one JSON reader and writer of the functions (jackson-jr, a 110 KB library, in place of
 * jackson-databind's 1.6 MB). A JSON value read is plain Java: a {@code Map<String, Object>} in
 * document order for an object, a {@code List<Object>} for an array, a {@code String}, a {@code
 * Number} ({@code Integer}, {@code Long}, {@code BigInteger} or {@code Double}, as written), a
 * {@code Boolean}, or {@code null}.
 *
 * <p>Reading is strict: a key twice in one object and anything after the value are refused (an
 * {@link IOException}). Writing takes the same kinds of values (and records of them, field order
 * kept).
 */
public final class Json {

  private static final JSON JSON_ =
      JSON.builder(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .enable(JSON.Feature.WRITE_RECORD_FIELDS_IN_DECLARATION_ORDER)
          .build();

  /** Parser factories by nesting limit other than the default (built once each). */
  private static final Map<Integer, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

  private Json() {}

  /**
   * Reads one JSON value.
   *
   * @param json UTF-8 (or UTF-16/32 with a BOM) bytes, a {@code String}, or an {@code InputStream}
   * @return the value (see the class comment)
   * @throws IOException when it is not one well-formed JSON value
   */
  public static Object read(Object json) throws IOException {
    return read(json, StreamReadConstraints.DEFAULT_MAX_DEPTH);
  }

  /**
   * Reads one JSON value nested at most {@code maxNestingDepth} objects and arrays deep.
   *
   * @throws IOException when it is not one well-formed JSON value, or is nested deeper
   */
  public static Object read(Object json, int maxNestingDepth) throws IOException {
    try (JsonParser parser = parser(json, maxNestingDepth)) {
      if (parser.nextToken() == null) {
        throw new IOException("No JSON value");
      }
      Object value = JSON_.anyFrom(parser);
      if (parser.nextToken() != null) {
        throw new IOException("Content after the JSON value");
      }
      return value;
    }
  }

  private static JsonParser parser(Object json, int maxNestingDepth) throws IOException {
    JsonFactory factory =
        maxNestingDepth == StreamReadConstraints.DEFAULT_MAX_DEPTH
            ? JSON_.getStreamingFactory()
            : FACTORIES.computeIfAbsent(
                maxNestingDepth,
                depth ->
                    JSON_
                        .getStreamingFactory()
                        .rebuild()
                        .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(depth).build())
                        .build());
    if (json instanceof byte[] bytes) {
      return factory.createParser(bytes);
    }
    if (json instanceof String text) {
      return factory.createParser(text);
    }
    if (json instanceof InputStream stream) {
      return factory.createParser(stream);
    }
    throw new IllegalArgumentException("Not a JSON source: " + json.getClass().getName());
  }

  /** The JSON text of a value (see the class comment for the kinds of values). */
  public static String write(Object value) {
    try {
      return JSON_.asString(value);
    } catch (IOException e) {
      throw new UncheckedIOException("Not a JSON value: " + value.getClass().getName(), e);
    }
  }

  /** Writes a value's JSON in UTF-8 to a stream (left open). */
  public static void write(Object value, OutputStream out) throws IOException {
    out.write(JSON_.asBytes(value));
  }

  /** An object's members, or empty when the value is not an object. */
  @SuppressWarnings("unchecked")
  public static Optional<Map<String, Object>> object(Object value) {
    return value instanceof Map<?, ?> map
        ? Optional.of((Map<String, Object>) map)
        : Optional.empty();
  }

  /** An array's items, or empty when the value is not an array. */
  @SuppressWarnings("unchecked")
  public static Optional<List<Object>> array(Object value) {
    return value instanceof List<?> list ? Optional.of((List<Object>) list) : Optional.empty();
  }

  /** True for a string, number or boolean (not null, not an object or array). */
  public static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  /**
   * A scalar as text, the way jackson-databind's {@code asText()} wrote it: a string as is, a
   * number in Java's notation ({@code 42}, {@code 4.5}, {@code 1.0E10}), {@code true}/{@code
   * false}; {@code ""} for null, an object or an array.
   */
  public static String text(Object value) {
    return isScalar(value) ? value.toString() : "";
  }

  /**
   * The value a JSON Pointer (RFC 6901, such as {@code /answers/0/text}) names, or empty when
   * nothing is there; {@code ""} names the whole value.
   */
  public static Optional<Object> at(Object root, String pointer) {
    if (pointer.isEmpty()) {
      return Optional.ofNullable(root);
    }
    if (!pointer.startsWith("/")) {
      return Optional.empty();
    }
    Object current = root;
    for (String raw : pointer.substring(1).split("/", -1)) {
      String token = raw.replace("~1", "/").replace("~0", "~");
      if (current instanceof Map<?, ?> map) {
        if (!map.containsKey(token)) {
          return Optional.empty();
        }
        current = map.get(token);
      } else if (current instanceof List<?> list) {
        int index = index(token);
        if (index < 0 || index >= list.size()) {
          return Optional.empty();
        }
        current = list.get(index);
      } else {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(current);
  }

  private static int index(String token) {
    if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
      return -1;
    }
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(token);
  }
}
