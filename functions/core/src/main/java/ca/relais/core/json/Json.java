package ca.relais.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
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
 * Number} ({@code Integer}, {@code Long}, {@code BigInteger} or, for a number with a fraction or an
 * exponent, {@code BigDecimal}: nothing of it lost, {@code 1e400} included), a {@code Boolean}, or
 * {@code null}.
 *
 * <p>Reading refuses anything after the value; a key twice in one object keeps the last value (as
 * jackson-databind did), or is refused by {@link #readStrict}. Writing takes the same kinds of
 * values (and records of them, field order kept).
 */
public final class Json {

  private static final JSON JSON_ =
      JSON.builder(new JsonFactory())
          .disable(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
          // plain LinkedHashMaps: jackson-jr's deferred map counts a repeated key twice in size()
          .disable(JSON.Feature.USE_DEFERRED_MAPS)
          // a double would make 1e400 "Infinity" and cut 0.1000000000000000055 short
          .enable(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JSON.Feature.WRITE_RECORD_FIELDS_IN_DECLARATION_ORDER)
          .build();

  /** Parser factories by nesting limit (negative: strict), built once each. */
  private static final Map<Integer, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

  private Json() {}

  /**
   * Reads one JSON value (a key twice: the last value).
   *
   * @param json UTF-8 (or UTF-16/32 with a BOM) bytes, a {@code String}, or an {@code InputStream}
   * @return the value (see the class comment)
   * @throws IOException when it is not one well-formed JSON value (a number whose exponent is
   *     beyond an {@code int} included)
   */
  public static Object read(Object json) throws IOException {
    return read(json, StreamReadConstraints.DEFAULT_MAX_DEPTH, false);
  }

  /**
   * Reads one JSON value nested at most {@code maxNestingDepth} objects and arrays deep (a key
   * twice: the last value).
   *
   * @throws IOException when it is not one well-formed JSON value, or is nested deeper
   */
  public static Object read(Object json, int maxNestingDepth) throws IOException {
    return read(json, maxNestingDepth, false);
  }

  /**
   * Reads one JSON value nested at most {@code maxNestingDepth} deep, refusing a key twice in one
   * object.
   *
   * @throws IOException when it is not one well-formed JSON value, is nested deeper, or repeats a
   *     key
   */
  public static Object readStrict(Object json, int maxNestingDepth) throws IOException {
    return read(json, maxNestingDepth, true);
  }

  private static Object read(Object json, int maxNestingDepth, boolean strict) throws IOException {
    try (JsonParser parser = parser(json, factory(maxNestingDepth, strict))) {
      if (parser.nextToken() == null) {
        throw new IOException("No JSON value");
      }
      Object value;
      try {
        value = JSON_.anyFrom(parser);
      } catch (NumberFormatException | ArithmeticException outOfRange) {
        // a number no BigDecimal holds (1e2147483648): not a value, as malformed JSON is not
        throw new IOException("A number out of range", outOfRange);
      }
      if (parser.nextToken() != null) {
        throw new IOException("Content after the JSON value");
      }
      return value;
    }
  }

  private static JsonFactory factory(int maxNestingDepth, boolean strict) {
    if (maxNestingDepth == StreamReadConstraints.DEFAULT_MAX_DEPTH && !strict) {
      return JSON_.getStreamingFactory();
    }
    return FACTORIES.computeIfAbsent(
        strict ? -maxNestingDepth : maxNestingDepth,
        key -> {
          JsonFactoryBuilder builder =
              new JsonFactoryBuilder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build());
          if (strict) {
            builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
          }
          return builder.build();
        });
  }

  private static JsonParser parser(Object json, JsonFactory factory) throws IOException {
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

  /**
   * True when a document holds no JSON value at all: nothing, or JSON whitespace only (space, tab,
   * line feed, carriage return). {@link #read} refuses it as malformed; jackson-databind read it as
   * a missing node, which the readers of request bodies took for "not an object" (and answered so):
   * they ask this first to keep that answer.
   */
  public static boolean isBlank(byte[] json) {
    for (byte b : json) {
      if (!isWhitespace((char) b)) {
        return false;
      }
    }
    return true;
  }

  /** {@link #isBlank(byte[])} for a document given as text. */
  public static boolean isBlank(String json) {
    return json.chars().allMatch(c -> isWhitespace((char) c));
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
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
    if (value instanceof java.math.BigDecimal decimal) {
      // Java's notation when a double holds the number exactly (4.5, 1.0E10), else all its digits
      double asDouble = decimal.doubleValue();
      boolean exact =
          Double.isFinite(asDouble)
              && new java.math.BigDecimal(Double.toString(asDouble)).compareTo(decimal) == 0;
      return exact ? Double.toString(asDouble) : decimal.toString();
    }
    return isScalar(value) ? value.toString() : "";
  }

  /**
   * What is at a path of member names ({@code path(root, "form_response", "answers")}), or {@code
   * null} when a step is missing, null or not an object (databind's {@code path(..)} chain).
   */
  public static Object path(Object node, String... names) {
    Object current = node;
    for (String name : names) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(name);
    }
    return current;
  }

  /** True when the value is an object with this member, even a null one. */
  public static boolean has(Object node, String name) {
    return node instanceof Map<?, ?> map && map.containsKey(name);
  }

  /**
   * A scalar as text ({@link #text(Object)}); {@code fallback} for null or nothing; {@code ""} for
   * an object or array (databind's {@code asText(fallback)}).
   */
  public static String text(Object value, String fallback) {
    return value == null ? fallback : text(value);
  }

  /** An array's items, an object's member values in order, or nothing (databind's iteration). */
  public static Iterable<Object> items(Object node) {
    if (node instanceof List<?> list) {
      @SuppressWarnings("unchecked")
      List<Object> items = (List<Object>) list;
      return items;
    }
    if (node instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> members = (Map<String, Object>) map;
      return members.values();
    }
    return List.of();
  }

  /** An object's members in document order, or none when it is not an object. */
  public static Iterable<Map.Entry<String, Object>> members(Object node) {
    return object(node).map(Map::entrySet).orElse(java.util.Set.of());
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
