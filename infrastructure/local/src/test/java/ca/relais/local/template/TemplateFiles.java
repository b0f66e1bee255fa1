package ca.relais.local.template;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The templates the tests read. */
final class TemplateFiles {

  private TemplateFiles() {}

  /**
   * The project's {@code template.yaml}: in {@code relais.root} (set by Maven), else in the first
   * directory up from the working directory that holds both {@code template.yaml} and {@code
   * pom.xml}.
   */
  static Path projectTemplate() {
    String property = System.getProperty("relais.root");
    if (property != null && !property.isBlank()) {
      Path template = Path.of(property).resolve("template.yaml");
      if (Files.isRegularFile(template)) {
        return template;
      }
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir.resolve("template.yaml");
      }
    }
    throw new IllegalStateException(
        "template.yaml not found: set -Drelais.root or run from inside the repository");
  }

  /** {@code src/test/resources/template/pipeline.yaml}. */
  static Path pipeline() {
    try {
      return Path.of(TemplateFiles.class.getResource("/template/pipeline.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
