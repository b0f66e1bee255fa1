package ca.relais.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The functions' one JSON reader and writer reads and writes as jackson-databind did. */
class JsonTest {

  @Test
  void aKeyTwiceKeepsTheLastValue_orIsRefusedWhenStrict() throws IOException {
    assertEquals(Map.of("a", 2), Json.read("{\"a\": 1, \"a\": 2}"));
    assertThrows(IOException.class, () -> Json.readStrict("{\"a\": 1, \"a\": 2}", 8));
  }

  @Test
  void anythingAfterTheValueOrNothingAtAllIsRefused() {
    assertThrows(IOException.class, () -> Json.read("{\"a\": 1} {}"));
    assertThrows(IOException.class, () -> Json.read("{\"a\": 1} x"));
    assertThrows(IOException.class, () -> Json.read(""));
    assertThrows(IOException.class, () -> Json.read("{\"a\": "));
  }

  @Test
  void aDocumentOfWhitespaceOnlyIsBlank_anyValueIsNot() {
    for (String blank : List.of("", " ", "\r\n\t ")) {
      assertTrue(Json.isBlank(blank), "[" + blank + "]");
      assertTrue(Json.isBlank(blank.getBytes(StandardCharsets.UTF_8)), "[" + blank + "]");
    }
    for (String value : List.of("null", " {}", "\"\"", "\u00a0", "\ufeff", "x")) {
      assertFalse(Json.isBlank(value), value);
      assertFalse(Json.isBlank(value.getBytes(StandardCharsets.UTF_8)), value);
    }
  }

  @Test
  void numbersKeepTheirPrecisionAndReadAsDatabindWroteThem() throws IOException {
    Object value =
        Json.read(
            "{\"big\": 12345678901234567890123, \"long\": 9007199254740993, \"int\": 42,"
                + " \"decimal\": 4.5, \"exponent\": 1.0E10, \"true\": true}");
    assertEquals(
        List.of("12345678901234567890123", "9007199254740993", "42", "4.5", "1.0E10", "true"),
        Json.object(value).orElseThrow().values().stream().map(Json::text).toList());
  }

  @Test
  void numbersNoDoubleHolds_areKeptWhole_neverInfinityOrCutShort() throws IOException {
    Object value =
        Json.read(
            "{\"huge\": 1e400, \"negative\": -1E+400, \"tiny\": 1e-400,"
                + " \"digits\": 0.1000000000000000055511151231257827, \"money\": 19.99}");
    assertEquals(
        List.of("1E+400", "-1E+400", "1E-400", "0.1000000000000000055511151231257827", "19.99"),
        Json.object(value).orElseThrow().values().stream().map(Json::text).toList());
    // and written back as numbers, whole
    assertEquals("{\"huge\":1E+400}", Json.write(Map.of("huge", Json.path(value, "huge"))));
  }

  @Test
  void aNumberNoBigDecimalHolds_isNotAValue_anIoExceptionAsForMalformedJson() {
    for (String number :
        List.of("1e2147483648", "1e-2147483648", "1e999999999999", "-1E+99999999999")) {
      assertThrows(IOException.class, () -> Json.read("{\"x\": " + number + "}"), number);
      assertThrows(
          IOException.class,
          () -> Json.readStrict(("[" + number + "]").getBytes(StandardCharsets.UTF_8), 8),
          number);
    }
  }

  @Test
  void unicodeEscapesAndUtf8BytesReadTheSame() throws IOException {
    String escaped = "{\"t\": \"\\u00c9t\\u00e9 \\u00e0 Qu\\u00e9bec \\ud83d\\ude00\"}";
    String raw = "{\"t\": \"Été à Québec 😀\"}";
    assertEquals(Json.read(escaped), Json.read(raw.getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        Json.read(raw), Json.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    assertEquals("{\"t\":\"Été \\\"<à>\\\"\"}", Json.write(Map.of("t", "Été \"<à>\"")));
  }

  @Test
  void objectsKeepTheirOrderAndNestedValuesArePlainJava() throws IOException {
    Object value = Json.read("{\"z\": {\"b\": [1, null, \"x\"], \"a\": {}}, \"y\": null}");
    Map<String, Object> expected = new LinkedHashMap<>();
    Map<String, Object> z = new LinkedHashMap<>();
    z.put("b", java.util.Arrays.asList(1, null, "x"));
    z.put("a", Map.of());
    expected.put("z", z);
    expected.put("y", null);
    assertEquals(expected, value);
    assertEquals(List.of("z", "y"), List.copyOf(Json.object(value).orElseThrow().keySet()));
    assertEquals(Optional.of("x"), Json.at(value, "/z/b/2"));
    assertEquals(Optional.empty(), Json.at(value, "/z/b/1"), "a null is nothing");
    assertEquals(Optional.empty(), Json.at(value, "/z/b/01"));
    assertEquals(null, Json.path(value, "z", "missing", "deeper"));
    assertEquals("fallback", Json.text(Json.path(value, "y"), "fallback"));
  }

  @Test
  void nestingBeyondTheLimitIsRefused() throws IOException {
    assertEquals(List.of(List.of(List.of(1))), Json.read("[[[1]]]", 3));
    assertThrows(IOException.class, () -> Json.read("[[[[1]]]]", 3));
    assertThrows(IOException.class, () -> Json.readStrict("[[[[1]]]]", 3));
  }

  @Test
  void aOneMebibyteBodyIsReadWhole() throws IOException {
    String text = "é".repeat(512 * 1024);
    byte[] body = ("{\"description\": \"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    assertEquals(text, Json.path(Json.read(body, 32), "description"));
  }
}
