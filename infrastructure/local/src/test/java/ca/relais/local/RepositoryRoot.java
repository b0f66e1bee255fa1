package ca.relais.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory in tests: {@code relais.root} from Maven, else found upwards. */
public final class RepositoryRoot {

  private RepositoryRoot() {}

  public static Path path() {
    String property = System.getProperty("relais.root");
    Path dir = property != null ? Path.of(property) : Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("template.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("Repository root (with template.yaml) not found");
    }
    return dir.toAbsolutePath();
  }

  public static Path template() {
    return path().resolve("template.yaml");
  }
}
