package ca.relais.core.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.model.SubmissionType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormConfigsTest {

  static final String OBSERVATION_FIELDS =
      "\"fields\": {\"municipality\": \"Municipalité\", \"category\": {\"question\": \"Type\","
          + " \"values\": {\"Bon coup\": \"good_news\"}}, \"description\": \"Texte\","
          + " \"reporterEmail\": \"Courriel\"}";

  private static FormConfig parse(String json) {
    return FormConfigs.parse("f", json.getBytes(StandardCharsets.UTF_8));
  }

  private static String problem(String json) {
    return assertThrows(FormConfigException.class, () -> parse(json)).getMessage();
  }

  @Test
  void aCompleteConfigIsRead_withShorthandQuestionsAndValueMaps() {
    FormConfig config =
        parse(
            "{\"provider\": \"tally\", \"produces\": \"observation\", \"auth\": {\"type\":"
                + " \"hmac-sha256\", \"header\": \"Tally-Signature\", \"secretName\": \"t\"},"
                + " \"constants\": {\"language\": \"fr\"}, "
                + OBSERVATION_FIELDS
                + "}");
    assertEquals(ProviderFormat.TALLY, config.provider());
    assertEquals(SubmissionType.OBSERVATION, config.produces());
    assertEquals(AuthConfig.Encoding.BASE64, config.auth().encoding());
    assertEquals("", config.auth().prefix());
    assertEquals(Map.of("language", "fr"), config.constants());
    FieldMapping category =
        config.fields().stream().filter(f -> f.field().equals("category")).findFirst().get();
    assertEquals(List.of("good_news"), category.apply(List.of("  BON   COUP ")));
    assertEquals(List.of("Autre"), category.apply(List.of("Autre")));
  }

  @Test
  void authMustBeExplicit_evenWhenThereIsNone() {
    assertTrue(
        problem(
                "{\"provider\": \"html\", \"produces\": \"observation\", "
                    + OBSERVATION_FIELDS
                    + "}")
            .contains("\"type\": \"none\""));
    FormConfig none =
        parse(
            "{\"provider\": \"html\", \"produces\": \"observation\", \"auth\": {\"type\":"
                + " \"none\"}, "
                + OBSERVATION_FIELDS
                + "}");
    assertEquals(AuthConfig.Type.NONE, none.auth().type());
  }

  @Test
  void mistakesAreNamed_withTheFormFile() {
    String auth = "\"auth\": {\"type\": \"none\"}, ";
    assertTrue(problem("{").startsWith("forms/f.json "));
    assertTrue(
        problem(
                "{\"provider\": \"wufoo\", \"produces\": \"signup\", "
                    + auth
                    + OBSERVATION_FIELDS
                    + "}")
            .contains("unknown provider"));
    assertTrue(
        problem(
                "{\"provider\": \"json\", \"produces\": \"report\", "
                    + auth
                    + OBSERVATION_FIELDS
                    + "}")
            .contains("signup"));
    assertTrue(
        problem(
                "{\"provider\": \"json\", \"produces\": \"observation\", "
                    + auth
                    + "\"fields\": {\"description\": \"/d\", \"category\": \"/c\","
                    + " \"mrc\": \"/m\"}}")
            .contains("reporterEmail"));
    assertTrue(
        problem(
                "{\"provider\": \"json\", \"produces\": \"observation\", "
                    + auth
                    + "\"fields\": {\"description\": \"/d\", \"category\": \"/c\","
                    + " \"reporterEmail\": \"/e\"}}")
            .contains("defaultMrc"));
    assertTrue(
        problem(
                "{\"provider\": \"json\", \"produces\": \"observation\", "
                    + auth
                    + "\"fields\": {\"description\": \"/d\", \"category\": \"/c\","
                    + " \"reporterEmail\": \"/e\", \"mrc\": \"/m\", \"firstName\": \"/f\"}}")
            .contains("firstName"));
    assertTrue(
        problem(
                "{\"provider\": \"typeform\", \"produces\": \"observation\", \"auth\": {\"type\":"
                    + " \"hmac-sha256\", \"header\": \"Typeform-Signature\"}, "
                    + OBSERVATION_FIELDS
                    + "}")
            .contains("secretName"));
    assertTrue(
        problem(
                "{\"provider\": \"typeform\", \"produces\": \"observation\", \"auth\": {\"type\":"
                    + " \"hmac-sha256\", \"header\": \"H\", \"secretName\": \"s\", \"encoding\":"
                    + " \"base32\"}, "
                    + OBSERVATION_FIELDS
                    + "}")
            .contains("base64 or hex"));
    assertTrue(
        problem(
                "{\"provider\": \"html\", \"produces\": \"observation\", \"sorce\": 1, "
                    + auth
                    + OBSERVATION_FIELDS
                    + "}")
            .contains("sorce"));
  }

  @Test
  void aFormWithoutTerritoryQuestion_needsADefaultMrc() {
    FormConfig config =
        parse(
            "{\"provider\": \"json\", \"produces\": \"observation\", \"defaultMrc\": \"080\","
                + " \"auth\": {\"type\": \"none\"}, \"fields\": {\"description\": \"/d\","
                + " \"category\": \"/c\", \"reporterEmail\": \"/e\"}}");
    assertEquals(Optional.of("080"), config.defaultMrc());
  }

  @Test
  void formIdsThatCannotNameAFile_findNothing() {
    FormConfigs configs = FormConfigs.of(Map.of("ok", "{}"));
    assertEquals(Optional.empty(), configs.find("../ok"));
    assertEquals(Optional.empty(), configs.find("OK"));
    assertEquals(Optional.empty(), configs.find("absent"));
    assertThrows(FormConfigException.class, () -> configs.find("ok"));
  }
}
