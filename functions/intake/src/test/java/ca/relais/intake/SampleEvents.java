package ca.relais.intake;

import ca.relais.aws.http.HttpApiEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the sample events of the repository's {@code events/} folder, the ones `sam local invoke`
 * uses.
 */
final class SampleEvents {

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

  static HttpApiEvent load(String name) {
    // As the handler reads Lambda's raw event bytes.
    try (var json = Files.newInputStream(root().resolve("events").resolve(name))) {
      return HttpApiEvent.read(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
