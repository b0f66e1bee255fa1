package ca.relais.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the sample events of the repository's {@code events/} folder, the ones `sam local invoke`
 * uses.
 */
final class SampleEvents {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SampleEvents() {}

  static Path root() {
    String property = System.getProperty("relais.root");
    Path dir = property != null ? Path.of(property) : Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("template.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("Repository root (with template.yaml) not found");
    }
    return dir;
  }

  static APIGatewayV2HTTPEvent load(String name) {
    try {
      return JSON.readValue(
          Files.readString(root().resolve("events").resolve(name)), APIGatewayV2HTTPEvent.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
