package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.RepositoryRoot;
import ca.relais.local.template.FunctionDef;
import ca.relais.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Each function's shaded jar (its template {@code CodeUri}) holds only the clients that function
 * uses: no Apache or Netty HTTP clients anywhere, and no SQS or SES in intake.
 */
class FunctionJarsIT {

  private static final List<String> NEVER =
      List.of(
          "software/amazon/awssdk/http/apache/",
          "software/amazon/awssdk/http/apache5/",
          "software/amazon/awssdk/http/nio/netty/",
          "org/apache/http/",
          "io/netty/",
          "software/amazon/awssdk/crt/");

  /** Service packages each function may hold; anything else under services/ is a leak. */
  private static final Map<String, List<String>> SERVICES =
      Map.of(
          "IntakeFunction", List.of("dynamodb"),
          "DispatchFunction", List.of("sqs"),
          "NotifyFunction", List.of("dynamodb", "sesv2"));

  @Test
  void functionJarsHoldOnlyTheClientsTheirFunctionUses() throws IOException {
    SamTemplate template = SamTemplate.load(RepositoryRoot.template());
    for (FunctionDef function : template.functions().values()) {
      Path jar = RepositoryRoot.path().resolve(function.codeUri().orElseThrow());
      assertTrue(Files.isRegularFile(jar), jar + " was not built");
      List<String> allowed = SERVICES.getOrDefault(function.logicalId(), List.of());
      List<String> leaks = new ArrayList<>();
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          String name = entries.nextElement().getName();
          if (NEVER.stream().anyMatch(name::startsWith)) {
            leaks.add(name);
          }
          String prefix = "software/amazon/awssdk/services/";
          if (name.startsWith(prefix) && name.length() > prefix.length()) {
            String service = name.substring(prefix.length()).split("/")[0];
            if (!allowed.contains(service)) {
              leaks.add(name);
            }
          }
        }
      }
      assertEquals(
          List.of(),
          leaks.stream().limit(10).toList(),
          function.logicalId() + " jar holds classes it never uses");
      System.out.printf(
          "%s: %s is %.1f MB%n",
          function.logicalId(), jar.getFileName(), Files.size(jar) / 1048576.0);
    }
  }
}
