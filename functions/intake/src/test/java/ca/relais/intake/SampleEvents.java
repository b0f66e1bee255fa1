package ca.relais.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
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

  static APIGatewayV2HTTPEvent load(String name) {
    try {
      // As the Lambda runtime reads it (and without Joda-Time, which the intake jar leaves out).
      return LambdaEventSerializers.serializerFor(
              APIGatewayV2HTTPEvent.class, SampleEvents.class.getClassLoader())
          .fromJson(Files.readString(root().resolve("events").resolve(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
