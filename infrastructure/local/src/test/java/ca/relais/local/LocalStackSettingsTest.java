package ca.relais.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackSettingsTest {

  private static final String TEMPLATE = RepositoryRoot.template().toString();

  @Test
  void defaultsAreTheDocumentedPorts() {
    LocalStackSettings s = LocalStackSettings.from(new String[] {"--template", TEMPLATE}, Map.of());
    assertEquals(8000, s.dynamoDbPort());
    assertEquals(9324, s.sqsPort());
    assertEquals(8005, s.sesPort());
    assertEquals(3000, s.gatewayPort());
    assertEquals("ca-central-1", s.region());
  }

  @Test
  void dynamoDbListensOnLoopbackUnlessAFlagOpensIt_andTenInvocationsAtOnceByDefault() {
    LocalStackSettings defaults =
        LocalStackSettings.from(new String[] {"--template", TEMPLATE}, Map.of());
    assertEquals("127.0.0.1", defaults.dynamoDbHost());
    assertEquals(10, defaults.concurrency());
    LocalStackSettings open =
        LocalStackSettings.from(
            new String[] {
              "--template", TEMPLATE, "--dynamodb-host", "0.0.0.0", "--concurrency", "3"
            },
            Map.of());
    assertEquals("0.0.0.0", open.dynamoDbHost());
    assertEquals(3, open.concurrency());
    assertEquals(
        "0.0.0.0",
        LocalStackSettings.from(
                new String[] {"--template", TEMPLATE}, Map.of("RELAIS_DYNAMODB_HOST", "0.0.0.0"))
            .dynamoDbHost());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LocalStackSettings.from(
                    new String[] {"--template", TEMPLATE, "--concurrency", "0"}, Map.of()));
    assertTrue(bad.getMessage().contains("--concurrency"), bad.getMessage());
  }

  @Test
  void formSecretsFile_becomesTheFormSecretsParameter() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("form-secrets", ".json");
    java.nio.file.Files.writeString(file, "{\"typeform-bsl\": [\"s\"]}\n");
    LocalStackSettings s =
        LocalStackSettings.from(
            new String[] {"--template", TEMPLATE, "--form-secrets", file.toString()}, Map.of());
    assertEquals(Map.of("FormSecrets", "{\"typeform-bsl\": [\"s\"]}"), s.parameterOverrides());
    assertEquals(
        Map.of(),
        LocalStackSettings.from(new String[] {"--template", TEMPLATE}, Map.of())
            .parameterOverrides());
  }

  @Test
  void parameterFlag_repeats_andOverridesAnyTemplateParameter_naming_aWrongOne() {
    LocalStackSettings s =
        LocalStackSettings.from(
            new String[] {
              "--template",
              TEMPLATE,
              "--parameter",
              "EscalationMinutes=0.5",
              "--parameter=OtherEscalationMinutes=2",
              "--parameter",
              "SenderEmail=a=b@example.org"
            },
            Map.of());
    assertEquals(
        Map.of(
            "EscalationMinutes",
            "0.5",
            "OtherEscalationMinutes",
            "2",
            "SenderEmail",
            "a=b@example.org"),
        s.parameterOverrides());
    IllegalArgumentException unknown =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                LocalStackSettings.from(
                    new String[] {"--template", TEMPLATE, "--parameter", "EscalationMinute=1"},
                    Map.of()));
    assertTrue(unknown.getMessage().contains("EscalationMinute:"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("EscalationMinutes"), "lists the declared ones");
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            LocalStackSettings.from(
                new String[] {"--template", TEMPLATE, "--parameter", "NoEquals"}, Map.of()));
  }

  @Test
  void personKeySecretOfTheEnvironment_becomesThePersonKeySecretParameter() {
    String secret = "0123456789abcdef0123456789abcdef";
    assertEquals(
        Map.of("PersonKeySecret", secret),
        LocalStackSettings.from(
                new String[] {"--template", TEMPLATE}, Map.of("PERSON_KEY_SECRET", secret))
            .parameterOverrides());
  }

  @Test
  void routingFile_comesFromTheFlag_thenTheEnvironment_thenTheDemoDirectory() {
    assertEquals(
        java.nio.file.Path.of("agents.csv"),
        LocalStackSettings.from(
                new String[] {"--template", TEMPLATE, "--routing", "agents.csv"},
                Map.of("RELAIS_ROUTING", "other.csv"))
            .routingFile());
    assertEquals(
        java.nio.file.Path.of("other.csv"),
        LocalStackSettings.from(
                new String[] {"--template", TEMPLATE}, Map.of("RELAIS_ROUTING", "other.csv"))
            .routingFile());
    assertTrue(
        LocalStackSettings.from(new String[] {"--template", TEMPLATE}, Map.of())
            .routingFile()
            .endsWith("infrastructure/local/routing-demo.csv"));
  }

  @Test
  void flagsWinOverEnvironmentVariables() {
    LocalStackSettings s =
        LocalStackSettings.from(
            new String[] {"--template=" + TEMPLATE, "--port", "3100", "--sqs-port=0"},
            Map.of(
                "RELAIS_GATEWAY_PORT",
                "3200",
                "RELAIS_DYNAMODB_PORT",
                "8100",
                "RELAIS_SES_PORT",
                "8105"));
    assertEquals(3100, s.gatewayPort());
    assertEquals(8100, s.dynamoDbPort());
    assertEquals(0, s.sqsPort());
    assertEquals(8105, s.sesPort());
  }

  @Test
  void badFlagsAreRefusedWithTheUsage() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> LocalStackSettings.from(new String[] {"--prot", "1"}, Map.of()));
    assertTrue(unknown.getMessage().contains("--prot") && unknown.getMessage().contains("Usage"));
    IllegalArgumentException port =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LocalStackSettings.from(
                    new String[] {"--template", TEMPLATE, "--port", "70000"}, Map.of()));
    assertTrue(port.getMessage().contains("70000"));
    assertThrows(
        IllegalArgumentException.class,
        () -> LocalStackSettings.from(new String[] {"stray"}, Map.of()));
  }
}
