package ca.relais.core.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message key the functions name literally ({@code text.format("thanks.emergency")}) is in
 * both bundles: a missing one shows its raw key to a person (seen on the webhook pages).
 */
class MessageKeysTest {

  private static final Pattern LITERAL_KEY =
      Pattern.compile("\\.format\\(\\s*\"([a-z][A-Za-z0-9_]*\\.[A-Za-z0-9_.]+)\"\\s*[,)]");

  @Test
  void everyLiteralKeyOfTheFunctionsIsInBothBundles() throws IOException {
    Path functions = Path.of("..").toAbsolutePath().normalize();
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(functions)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .forEach(p -> keys.addAll(literalKeys(p)));
    }
    assertTrue(keys.size() > 20, "found the keys: " + keys);
    for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
      ResourceBundle bundle =
          ResourceBundle.getBundle(
              "i18n.messages",
              locale,
              ResourceBundle.Control.getNoFallbackControl(
                  ResourceBundle.Control.FORMAT_PROPERTIES));
      Set<String> missing = new TreeSet<>(keys);
      missing.removeIf(bundle::containsKey);
      assertEquals(Set.of(), missing, "keys missing from the " + locale + " bundle");
    }
  }

  private static Set<String> literalKeys(Path file) {
    try {
      Set<String> keys = new TreeSet<>();
      Matcher m = LITERAL_KEY.matcher(Files.readString(file));
      while (m.find()) {
        keys.add(m.group(1));
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
