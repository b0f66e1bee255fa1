package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.LocalStack;
import ca.relais.local.RepositoryRoot;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The parent pom's shade filters leave out of every function jar the SES v2 and SQS model classes
 * and marshallers of operations Relais never calls. Proof on real calls: the notify jar alone, in a
 * fresh JVM, makes every SES v2 and SQS call Relais makes ({@link SdkCallsSmoke}) against the local
 * emulators, with the complete SDK service jars placed <em>after</em> it on the class path and
 * {@code -Xlog:class+load}: a class the filters left out would be loaded from a complete jar (or,
 * without them, fail the call); none is.
 */
class SdkModelExclusionsIT {

  @Test
  void everySesAndSqsCallOfRelaisLoadsNoClassLeftOutOfTheJar() throws Exception {
    LocalStack stack = SharedLocalStack.get();
    String queue = fifoQueue(stack, "SdkCalls.fifo");
    String deadLetters = fifoQueue(stack, "SdkCallsDeadLetters.fifo");
    List<String> completeJars =
        List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
            .filter(
                p ->
                    p.matches(
                        ".*[/\\\\]software[/\\\\]amazon[/\\\\]awssdk[/\\\\](sesv2|sqs)[/\\\\].*\\.jar"))
            .toList();
    assertEquals(2, completeJars.size(), "the complete sesv2 and sqs jars: " + completeJars);
    Path jar = RepositoryRoot.path().resolve("functions/notify/target/relais-notify.jar");
    // kept for a look: which classes each call loads, and from where
    Path log = Path.of("target", "sdk-calls-class-load.log").toAbsolutePath();
    Files.deleteIfExists(log);
    List<String> classPath = new ArrayList<>();
    classPath.add(jar.toString());
    classPath.add(
        Path.of(SdkCallsSmoke.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString());
    classPath.addAll(completeJars);
    ProcessBuilder process =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xlog:class+load=info:file=" + log,
            "-cp",
            String.join(File.pathSeparator, classPath),
            SdkCallsSmoke.class.getName());
    process.environment().clear();
    process
        .environment()
        .putAll(
            Map.of(
                "AWS_REGION",
                "ca-central-1",
                "AWS_ACCESS_KEY_ID",
                "smoke",
                "AWS_SECRET_ACCESS_KEY",
                "smoke",
                "AWS_ENDPOINT_URL_SQS",
                stack.sqsEndpoint().toString(),
                "AWS_ENDPOINT_URL_SESV2",
                stack.sesEndpoint().toString(),
                "SENDER_EMAIL",
                "relais@example.org",
                "SMOKE_RECIPIENT",
                "sdk-calls-smoke@example.org",
                "ALERT_QUEUE_URL",
                queue,
                "ALERT_DEAD_LETTER_QUEUE_URL",
                deadLetters,
                "MISSING_QUEUE_URL",
                queue.replace("SdkCalls.fifo", "NoSuchQueue.fifo")));
    process.redirectErrorStream(true);
    Process running = process.start();
    String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, running.waitFor(), output);
    assertTrue(
        output.contains("SET_ASIDE")
            && output.contains("ENQUEUED failed=0")
            && output.contains("PARTIAL failed=1")
            && output.contains("MISSING_QUEUE failed=1"),
        output);
    assertTrue(
        stack.inbox().emails().stream()
            .anyMatch(e -> e.to().contains("sdk-calls-smoke@example.org")),
        "the email reached the SES emulator");
    assertEquals(
        1,
        stack
            .sqs()
            .receiveMessage(r -> r.queueUrl(deadLetters).maxNumberOfMessages(10).waitTimeSeconds(1))
            .messages()
            .size());

    List<String> loaded = Files.readAllLines(log);
    List<String> fromTheJar =
        loaded.stream()
            .filter(l -> l.contains("software.amazon.awssdk.services.s"))
            .filter(l -> l.contains(jar.getFileName().toString()))
            .toList();
    assertTrue(
        fromTheJar.size() > 100,
        "the class-load log shows the SES v2 and SQS classes read from the jar: " + fromTheJar);
    List<String> leftOutButLoaded =
        loaded.stream()
            .filter(
                l ->
                    completeJars.stream()
                        .anyMatch(j -> l.contains(Path.of(j).getFileName().toString())))
            .map(l -> l.replaceAll("^\\S+\\s+", "").replaceAll(" source:.*", ""))
            .toList();
    assertEquals(List.of(), leftOutButLoaded, "classes the shade filters leave out of the jar");
  }

  private static String fifoQueue(LocalStack stack, String name) {
    return stack
        .sqs()
        .createQueue(
            r -> r.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
        .queueUrl();
  }
}
