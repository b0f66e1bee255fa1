package ca.relais.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.aws.dynamodb.TableLayout;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.privacy.NoticeParameters;
import ca.relais.local.template.SamTemplate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@code template.yaml} lets flow out of the table (index projection, stream view), the
 * retention it allows, and the notice's parameters, checked against the submission schema.
 */
class PrivacyTemplateTest {

  private static final SamTemplate TEMPLATE = SamTemplate.load(RepositoryRoot.template());

  @Test
  void theIndexProjectsKeysAndTechnicalAttributesOnly() {
    Map<String, Object> index =
        map(list(properties("RelaisTable").get("GlobalSecondaryIndexes")).get(0));
    assertEquals("ByMrcTime", index.get("IndexName"));
    Map<String, Object> projection = map(index.get("Projection"));
    assertEquals("INCLUDE", projection.get("ProjectionType"));
    Set<String> projected = new HashSet<>();
    list(projection.get("NonKeyAttributes")).forEach(a -> projected.add(a.toString()));
    assertEquals(TableLayout.INDEX_ATTRIBUTES, projected);
    for (String attribute : projected) {
      assertFalse(
          SubmissionSchema.field(attribute).orElseThrow().sensitivity().personal(), attribute);
    }
  }

  @Test
  void theStreamCarriesKeysOnlyAndDispatchFiltersOnTheKey() {
    assertEquals(
        "KEYS_ONLY",
        map(properties("RelaisTable").get("StreamSpecification")).get("StreamViewType"));
    String filters = TEMPLATE.functionProperties("DispatchFunction").toString();
    assertTrue(filters.contains("\"Keys\": {\"sk\": {\"S\": [\"SUBMISSION\"]}}"), filters);
    assertFalse(filters.contains("NewImage"), filters);
  }

  @Test
  void theTemplateAllowsNoLongerRetentionThanTheSchemaDeclares() {
    Map<String, Object> parameters = map(TEMPLATE.raw().get("Parameters"));
    Map<String, SubmissionType> byParameter =
        Map.of(
            "SignUpRetentionDays", SubmissionType.SIGNUP,
            "ObservationRetentionDays", SubmissionType.OBSERVATION);
    byParameter.forEach(
        (name, type) -> {
          long declared = SubmissionSchema.retentionOf(type).toDays();
          Map<String, Object> parameter = map(parameters.get(name));
          assertEquals(declared, Long.parseLong(parameter.get("Default").toString()), name);
          assertEquals(declared, Long.parseLong(parameter.get("MaxValue").toString()), name);
        });
  }

  @Test
  void theNoticeParametersDefaultAsTheDomainAssumesAndTheKeyIsASecret() {
    Map<String, Object> parameters = map(TEMPLATE.raw().get("Parameters"));
    NoticeParameters defaults = NoticeParameters.templateDefaults();
    assertEquals(defaults.responsibleBody(), map(parameters.get("ResponsibleBody")).get("Default"));
    assertEquals(
        defaults.privacyOfficer(), map(parameters.get("PrivacyOfficerContact")).get("Default"));
    assertEquals(
        defaults.contactEmail(), map(parameters.get("PrivacyContactEmail")).get("Default"));
    Map<String, Object> key = map(parameters.get("PersonKeySecret"));
    assertEquals("true", String.valueOf(key.get("NoEcho")));
    assertFalse(key.containsKey("Default"), "no default secret");
  }

  @Test
  void theConfigurationSetRequiresTls() {
    assertEquals(
        "REQUIRE",
        map(properties("RelaisConfigurationSet").get("DeliveryOptions")).get("TlsPolicy"));
  }

  private static Map<String, Object> properties(String logicalId) {
    return map(map(map(TEMPLATE.raw().get("Resources")).get(logicalId)).get("Properties"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}
