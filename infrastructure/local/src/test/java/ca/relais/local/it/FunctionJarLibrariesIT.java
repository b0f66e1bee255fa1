package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.RepositoryRoot;
import ca.relais.local.template.FunctionDef;
import ca.relais.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The libraries inside each function's shaded jar (its template {@code CodeUri}), read from the
 * {@code META-INF/maven/.../pom.properties} that every library brings: released versions only
 * (unless listed below with the reason), and joda-time only where a Lambda event class is read.
 */
class FunctionJarLibrariesIT {

  /** A snapshot, milestone, release candidate, alpha, beta or preview version. */
  private static final Pattern PRE_RELEASE =
      Pattern.compile("(?i).*(-SNAPSHOT|[-.]M\\d+|[-.]RC\\d*|alpha|beta|preview).*");

  /** Pre-release libraries allowed in a function jar, each with the reason. */
  private static final Map<String, String> ALLOWED_PRE_RELEASES =
      Map.of(
          "org.apache.commons:commons-fileupload2-core:2.0.0-M4",
          "intake's multipart parser: FileUpload 2 has no final release; 1.x is built on servlets");

  /**
   * The functions that need joda-time: those whose handler takes a Lambda event class (the Lambda
   * runtime's serializer loads {@code org.joda.time.DateTime} from the function's jar for every one
   * of them, aws/aws-lambda-java-libs#72; without it the function cannot read its event, which
   * {@code FunctionJarsIT} shows). Dispatch, notify, digest and escalate take a Map, intake and
   * acknowledge read a stream, and do without (issue 12): only the SNS delivery function keeps it.
   */
  private static final List<String> JODA_TIME = List.of("DeliveryEventsFunction");

  /**
   * The API Gateway functions, where a citizen or an agent waits: each reads its event as a {@code
   * RequestStreamHandler} with the functions' jackson-jr reader, so neither Lambda's event classes
   * nor jackson-databind are in its jar.
   */
  private static final List<String> LEAN_API = List.of("IntakeFunction", "AcknowledgeFunction");

  /** Libraries the functions of {@link #LEAN_API} must not hold. */
  private static final List<String> NOT_IN_LEAN_API =
      List.of(
          "com.amazonaws:aws-lambda-java-events",
          "com.fasterxml.jackson.core:jackson-databind",
          "joda-time:joda-time");

  @Test
  void jodaTimeOnlyWhereALambdaEventClassIsReadAndTheApiFunctionsWithoutDatabind()
      throws IOException {
    SamTemplate template = SamTemplate.load(RepositoryRoot.template());
    List<String> problems = new ArrayList<>();
    for (FunctionDef function : template.functions().values()) {
      Path jar = RepositoryRoot.path().resolve(function.codeUri().orElseThrow());
      assertTrue(Files.isRegularFile(jar), jar + " was not built");
      boolean joda =
          libraries(jar).stream().anyMatch(l -> l.startsWith("joda-time:joda-time:"))
              || holds(jar, "org/joda/time/");
      if (joda && !JODA_TIME.contains(function.logicalId())) {
        problems.add(function.logicalId() + " holds joda-time, which its handler never loads");
      }
      for (String library : libraries(jar)) {
        String name = library.substring(0, library.lastIndexOf(':'));
        if (LEAN_API.contains(function.logicalId()) && NOT_IN_LEAN_API.contains(name)) {
          problems.add(function.logicalId() + " holds " + name);
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  /** True when an entry of the jar starts with {@code prefix}. */
  private static boolean holds(Path jar, String prefix) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().anyMatch(e -> e.getName().startsWith(prefix));
    }
  }

  @Test
  void functionJarsHoldReleasedLibrariesOnly() throws IOException {
    SamTemplate template = SamTemplate.load(RepositoryRoot.template());
    List<String> problems = new ArrayList<>();
    for (FunctionDef function : template.functions().values()) {
      Path jar = RepositoryRoot.path().resolve(function.codeUri().orElseThrow());
      assertTrue(Files.isRegularFile(jar), jar + " was not built");
      List<String> libraries = libraries(jar);
      assertTrue(libraries.size() > 3, jar + " names its libraries: " + libraries);
      for (String library : libraries) {
        String version = library.substring(library.lastIndexOf(':') + 1);
        if (!library.startsWith("ca.relais:")
            && PRE_RELEASE.matcher(version).matches()
            && !ALLOWED_PRE_RELEASES.containsKey(library)) {
          problems.add(function.logicalId() + " holds the pre-release " + library);
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  /** groupId:artifactId:version of every library in a jar. */
  private static List<String> libraries(Path jar) throws IOException {
    List<String> out = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.getName().startsWith("META-INF/maven/")
            && entry.getName().endsWith("/pom.properties")) {
          Properties p = new Properties();
          try (InputStream in = zip.getInputStream(entry)) {
            p.load(in);
          }
          out.add(
              p.getProperty("groupId")
                  + ":"
                  + p.getProperty("artifactId")
                  + ":"
                  + p.getProperty("version"));
        }
      }
    }
    return out;
  }
}
