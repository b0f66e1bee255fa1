package ca.relais.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StructuredLoggerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final StructuredLogger log =
      StructuredLogger.writingTo(
          StructuredLoggerTest.class, new PrintStream(out, true, StandardCharsets.UTF_8));

  /** The one line written, parsed; fails on anything but one JSON object without repeated keys. */
  private JsonNode line() throws Exception {
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, text.lines().count(), text);
    JsonNode node = JSON.readTree(text);
    List<String> keys = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      keys.add(names.next());
    }
    assertEquals(keys.size(), keys.stream().distinct().count(), "repeated keys: " + text);
    return node;
  }

  @Test
  void linesOfAPrimingScopeAreMarked_andInfoAtMost_untilItCloses() throws Exception {
    try (StructuredLogger.Scope outer = StructuredLogger.primingScope()) {
      try (StructuredLogger.Scope inner = StructuredLogger.primingScope()) {
        log.error("notify.submission_missing", "id", "O-20260101-PR1M1NG0");
      }
      JsonNode line = line();
      assertEquals("INFO", line.get("level").asText());
      assertEquals(true, line.get("priming").asBoolean());
      assertEquals("notify.submission_missing", line.get("event").asText());
      out.reset();
      // still inside the outer scope
      log.warn("delivery.undeliverable", "priming", "a caller's field of that name");
      line = line();
      assertEquals("INFO", line.get("level").asText());
      assertEquals(true, line.get("priming").asBoolean());
      assertEquals("a caller's field of that name", line.get("field_priming").asText());
      out.reset();
      // another thread is not priming
      Thread other = new Thread(() -> log.error("other.thread"));
      other.start();
      other.join();
      assertEquals("ERROR", line().get("level").asText());
      assertTrue(line().get("priming") == null);
      out.reset();
    }
    log.error("notify.submission_missing", "id", "O-20260101-AAAAAAAA");
    JsonNode after = line();
    assertEquals("ERROR", after.get("level").asText());
    assertTrue(after.get("priming") == null, after.toString());
  }

  @Test
  void theFallbackWarningKeepsLevelWarn_andTheRoutingLevelUnderItsOwnName() throws Exception {
    log.warn("notify.fallback", "id", "O-20261123-7K3M9Q2X", "level", "REGION");
    JsonNode line = line();
    assertEquals("WARN", line.path("level").asText());
    assertEquals("notify.fallback", line.path("event").asText());
    assertEquals("REGION", line.path("field_level").asText());
    assertEquals("O-20261123-7K3M9Q2X", line.path("id").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"level", "time", "component", "event", "exception"})
  void noFieldOverwritesAReservedKey(String reserved) throws Exception {
    log.error("test.failure", new IllegalStateException("secret text"), reserved, "FORGED");
    JsonNode line = line();
    assertEquals("ERROR", line.path("level").asText());
    assertEquals("test.failure", line.path("event").asText());
    assertEquals("StructuredLoggerTest", line.path("component").asText());
    assertEquals("java.lang.IllegalStateException", line.path("exception").asText());
    assertTrue(line.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), line.toString());
    assertEquals("FORGED", line.path("field_" + reserved).asText());
    assertTrue(!line.toString().contains("secret text"));
  }

  @Test
  void aFieldNamedTwice_keepsBothValues() throws Exception {
    log.info("test.twice", "id", "first", "id", "second", "field_id", "third");
    JsonNode line = line();
    assertEquals("first", line.path("id").asText());
    assertEquals("second", line.path("field_id").asText());
    assertEquals("third", line.path("field_field_id").asText());
    assertEquals("INFO", line.path("level").asText());
  }

  @Test
  void numbersStayNumbers_andNonFiniteOnesBecomeText() throws Exception {
    log.info("test.numbers", "count", 3, "ratio", Double.NaN, "ok", true);
    JsonNode line = line();
    assertTrue(line.path("count").isInt());
    assertEquals("NaN", line.path("ratio").asText());
    assertTrue(line.path("ok").isBoolean());
  }
}
