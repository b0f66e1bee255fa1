package ca.relais.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Starting the local stack on a port another process holds (issue 13): {@code java -jar
 * relais-local.jar} says which part, which port and which flag, exits with status 1, and prints no
 * stack trace. Each part of the stack is tried, in a child JVM as a person would run it.
 */
class BusyPortIT {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "--port, The API gateway",
    "--dynamodb-port, DynamoDB Local",
    "--sqs-port, ElasticMQ (SQS)",
    "--ses-port, aws-ses-v2-local (SES)"
  })
  void aBusyPortGetsAClearMessageAndNoStackTrace(String flag, String part) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(LocalStackMain.class.getName());
      command.add("--template");
      command.add(RepositoryRoot.template().toString());
      for (String each : List.of("--port", "--dynamodb-port", "--sqs-port", "--ses-port")) {
        command.add(each);
        command.add(each.equals(flag) ? String.valueOf(port) : "0");
      }
      Path out = Files.createTempFile("relais-busy-port", ".out");
      Path err = Files.createTempFile("relais-busy-port", ".err");
      Process stack =
          new ProcessBuilder(command)
              .directory(RepositoryRoot.path().toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      boolean ended = stack.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        stack.destroyForcibly();
      }
      String printed = read(out) + read(err);
      assertTrue(ended, "the stack kept running on a busy port: " + printed);
      assertEquals(1, stack.exitValue(), printed);
      assertTrue(
          printed.contains(
              part
                  + " cannot listen on port "
                  + port
                  + ": it is in use. Stop what uses it, or choose another port with "
                  + flag),
          printed);
      assertFalse(printed.contains("\tat "), "a stack trace: " + printed);
      assertFalse(printed.contains("Exception"), printed);
      assertFalse(printed.contains("Relais local stack ready"), printed);
    }
  }

  private static String read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    new File(file.toString()).delete();
    return text;
  }
}
