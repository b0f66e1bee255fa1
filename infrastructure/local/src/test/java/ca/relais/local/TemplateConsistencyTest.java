package ca.relais.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ca.relais.local.template.FunctionDef;
import ca.relais.local.template.HttpApiEvent;
import ca.relais.local.template.SamTemplate;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code template.yaml} names only what exists: every handler class and method, every route's
 * sample event, every environment variable read by code; and code reads only variables the template
 * sets.
 */
class TemplateConsistencyTest {

  private static final Path ROOT = RepositoryRoot.path();
  private static final SamTemplate TEMPLATE = SamTemplate.load(RepositoryRoot.template());
  private static final Pattern VARIABLE_READ =
      Pattern.compile("\\b(?:require|intValue|get)\\(\\s*\"([A-Z][A-Z0-9_]+)\"");

  /** Variables Lambda itself sets; the template does not. */
  private static final Set<String> LAMBDA_VARIABLES =
      Set.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

  @Test
  void templateDeclaresAtLeastTheIntakeFunction() {
    assertTrue(
        TEMPLATE.functions().containsKey("IntakeFunction"),
        TEMPLATE.functions().keySet().toString());
  }

  @Test
  void everyHandlerClassAndMethodExists_withAPublicNoArgumentConstructor() throws Exception {
    for (FunctionDef function : TEMPLATE.functions().values()) {
      Class<?> type = Class.forName(function.handlerClass());
      type.getConstructor();
      assertTrue(Modifier.isPublic(type.getModifiers()), function.handlerClass());
      // found as the Lambda Java runtime finds it: a stream handler or an (event, Context) method
      boolean found;
      try {
        ca.relais.local.lambda.HandlerMethod.find(
            type, function.handlerMethod(), type.getClassLoader());
        found = true;
      } catch (IllegalArgumentException e) {
        found = false;
      }
      assertTrue(
          found,
          function.logicalId()
              + ": no "
              + function.handlerMethod()
              + "(event, Context) nor a stream handler");
    }
  }

  @Test
  void everyFunctionCodeUriIsTheShadedJarOfAModule() {
    for (FunctionDef function : TEMPLATE.functions().values()) {
      String codeUri =
          function
              .codeUri()
              .orElseThrow(() -> new AssertionError(function.logicalId() + " has no CodeUri"));
      Path module = ROOT.resolve(codeUri).getParent().getParent();
      assertTrue(
          Files.isRegularFile(module.resolve("pom.xml")), codeUri + " is not under a Maven module");
      assertTrue(codeUri.endsWith(".jar"), codeUri);
    }
  }

  @Test
  void everyRouteHasASampleEventInEventsFolder() throws IOException {
    List<String> missing = new ArrayList<>();
    List<String> events;
    try (Stream<Path> files = Files.list(ROOT.resolve("events"))) {
      events = files.map(p -> readQuietly(p)).toList();
    }
    for (FunctionDef function : TEMPLATE.functions().values()) {
      for (Object event : function.events()) {
        if (event instanceof HttpApiEvent http) {
          String routeKey = "\"routeKey\" : \"" + http.method() + " " + http.path() + "\"";
          String compact = "\"routeKey\": \"" + http.method() + " " + http.path() + "\"";
          if (events.stream().noneMatch(e -> e.contains(routeKey) || e.contains(compact))) {
            missing.add(http.method() + " " + http.path());
          }
        }
      }
    }
    assertEquals(List.of(), missing, "routes without a sample event in events/");
  }

  @Test
  void everyStreamQueueAndScheduleTriggerHasASampleEvent_namedAfterItsFunction()
      throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.list(ROOT.resolve("events"))) {
      names = files.map(p -> p.getFileName().toString()).toList();
    }
    for (FunctionDef function : TEMPLATE.functions().values()) {
      boolean hasOtherTrigger =
          function.events().stream().anyMatch(e -> !(e instanceof HttpApiEvent));
      String prefix =
          function.logicalId().replace("Function", "").toLowerCase(java.util.Locale.ROOT) + "-";
      if (hasOtherTrigger) {
        assertTrue(
            names.stream().anyMatch(n -> n.startsWith(prefix)),
            "no events/" + prefix + "*.json for " + function.logicalId());
      }
    }
  }

  @Test
  void queueVisibilityTimeoutIsAtLeastSixTimesItsConsumersTimeout() {
    for (FunctionDef function : TEMPLATE.functions().values()) {
      for (Object event : function.events()) {
        if (event instanceof ca.relais.local.template.SqsEvent sqs) {
          int visibility = TEMPLATE.queues().get(sqs.queueLogicalId()).visibilityTimeoutSeconds();
          assertTrue(
              visibility >= 6 * function.timeoutSeconds(),
              sqs.queueLogicalId()
                  + " visibility "
                  + visibility
                  + " s < 6 x "
                  + function.timeoutSeconds()
                  + " s");
          assertTrue(
              TEMPLATE.queues().get(sqs.queueLogicalId()).redrive().isPresent(),
              "a DLQ for " + sqs.queueLogicalId());
        }
      }
    }
  }

  @Test
  void everyEnvironmentVariableOfTheTemplateIsReadByCode_andEveryVariableReadIsSet()
      throws IOException {
    Set<String> read = variablesReadByCode();
    for (FunctionDef function : TEMPLATE.functions().values()) {
      for (String variable : function.environment().keySet()) {
        if (variable.equals("JAVA_TOOL_OPTIONS")) {
          continue; // read by the JVM itself
        }
        assertTrue(
            read.contains(variable),
            function.logicalId() + " sets " + variable + " but no code reads it");
      }
    }
    Set<String> set = new HashSet<>(LAMBDA_VARIABLES);
    TEMPLATE.functions().values().forEach(f -> set.addAll(f.environment().keySet()));
    Set<String> unset = new HashSet<>(read);
    unset.removeAll(set);
    unset.removeIf(v -> v.startsWith("AWS_ENDPOINT_URL")); // set only by the local stack
    assertEquals(Set.of(), unset, "variables read by code but never set by template.yaml");
  }

  private static Set<String> variablesReadByCode() throws IOException {
    Set<String> read = new HashSet<>();
    List<Path> sourceRoots = new ArrayList<>();
    try (Stream<Path> modules =
        Stream.concat(
            Files.list(ROOT.resolve("functions")), Files.list(ROOT.resolve("infrastructure")))) {
      modules
          // the local stack, and the benchmark's public sample (never deployed)
          .filter(m -> !Set.of("local", "bench-sample").contains(m.getFileName().toString()))
          .map(m -> m.resolve("src/main/java"))
          .filter(Files::isDirectory)
          .forEach(sourceRoots::add);
    }
    for (Path root : sourceRoots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher matcher = VARIABLE_READ.matcher(Files.readString(file));
          while (matcher.find()) {
            read.add(matcher.group(1));
          }
        }
      }
    }
    assertFalse(read.isEmpty(), "no environment reads found: the pattern is wrong");
    return read;
  }

  private static String readQuietly(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      fail(e);
      return "";
    }
  }
}
