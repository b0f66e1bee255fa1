package ca.relais.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.intake.RetentionPolicy;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.model.FieldSpec;
import ca.relais.core.model.Flow;
import ca.relais.core.model.Language;
import ca.relais.core.model.Sensitivity;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The declared schema: the retention the notice promises, flows that keep personal data in. */
class SubmissionSchemaTest {

  @Test
  void retentionIsThreeYearsForSignUpsAndTwoForObservations_asTheNoticeSays() {
    // Changing a retention is a decision the notice, the template and this test must follow.
    assertEquals(Duration.ofDays(1095), SubmissionSchema.retentionOf(SubmissionType.SIGNUP));
    assertEquals(Duration.ofDays(730), SubmissionSchema.retentionOf(SubmissionType.OBSERVATION));
    assertEquals(Duration.ofDays(1826), SubmissionSchema.REGISTER_RETENTION);
    RetentionPolicy defaults = RetentionPolicy.defaults();
    assertEquals(Duration.ofDays(1095), defaults.retentionOf(SubmissionType.SIGNUP));
    assertEquals(Duration.ofDays(730), defaults.retentionOf(SubmissionType.OBSERVATION));
    PrivacyNotice notice = PrivacyNotice.of(NoticeParameters.templateDefaults());
    assertTrue(notice.text(Language.FR).contains("après 3 ans"), notice.text(Language.FR));
    assertTrue(notice.text(Language.FR).contains("après 2 ans"), notice.text(Language.FR));
    assertTrue(notice.text(Language.EN).contains("after 3 years"), notice.text(Language.EN));
    assertTrue(notice.text(Language.EN).contains("after 2 years"), notice.text(Language.EN));
  }

  @Test
  void noPersonalAttributeFlowsToTheIndexTheStreamOrTheLogs() {
    for (FieldSpec field : SubmissionSchema.fields()) {
      if (field.sensitivity().personal()) {
        assertFalse(field.flowsTo(Flow.INDEX), field.name());
        assertFalse(field.flowsTo(Flow.STREAM), field.name());
        assertFalse(field.flowsTo(Flow.LOGS), field.name());
      }
    }
    assertEquals(
        Set.of("id", "submissionType", "receivedAt", "expiresAt"),
        SubmissionSchema.attributesFlowingTo(Flow.INDEX));
    assertEquals(Set.of(), SubmissionSchema.attributesFlowingTo(Flow.STREAM));
  }

  @Test
  void theRegionalRollUpCarriesNoHealthTextNorIdentity() {
    for (FieldSpec field : SubmissionSchema.fields()) {
      if (field.flowsTo(Flow.REGION_DIGEST)) {
        assertFalse(field.sensitivity().personal(), field.name());
      }
    }
  }

  @Test
  void onlyTheRecordTypeTheCategoryTheDistressFlagAndTheReviewCodesAreCounted() {
    // the roll-up's counts: never text, a name or a contact; why a report was kept for review and
    // what it was meant to be (two codes) decide whether it counts as distress
    assertEquals(
        Set.of("submissionType", "category", "distress", "reviewReason", "intendedType"),
        SubmissionSchema.attributesFlowingTo(Flow.COUNTS));
  }

  @Test
  void aPersonalAttributeDeclaredToFlowToTheLogsIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new FieldSpec(
                "email",
                EnumSet.of(SubmissionType.SIGNUP),
                EnumSet.of(SubmissionType.SIGNUP),
                Sensitivity.CONTACT,
                EnumSet.of(Flow.TABLE, Flow.LOGS),
                true));
  }

  @Test
  void theAddressOfEachTypeIsDeclaredIdentifying() {
    assertTrue(
        SubmissionSchema.identifyingAttributes(SubmissionType.SIGNUP)
            .containsAll(Set.of("email", "firstName", "lastName", "phone")));
    assertTrue(
        SubmissionSchema.identifyingAttributes(SubmissionType.OBSERVATION)
            .containsAll(Set.of("reporterEmail", "reporterName")));
    for (SubmissionType type : SubmissionType.values()) {
      assertTrue(
          SubmissionSchema.identifyingAttributes(type)
              .contains(SubmissionSchema.addressAttribute(type)));
    }
  }

  @Test
  void theFormsAcceptTheDeclaredInputs() {
    assertEquals(
        SubmissionSchema.inputsOf(SubmissionType.SIGNUP),
        SubmissionValidator.fieldsOf(SubmissionType.SIGNUP));
    assertEquals(
        SubmissionSchema.inputsOf(SubmissionType.OBSERVATION),
        SubmissionValidator.fieldsOf(SubmissionType.OBSERVATION));
  }

  @Test
  void theValidatorRefusesASubmissionWithoutEachRequiredInput() {
    ca.relais.core.intake.SubmissionValidator validator =
        new ca.relais.core.intake.SubmissionValidator(
            new ca.relais.core.territory.TerritoryResolver(
                ca.relais.core.territory.TerritoryDirectory.loadDefault()),
            java.time.Clock.systemUTC());
    for (SubmissionType type : SubmissionType.values()) {
      for (String required : SubmissionSchema.requiredInputsOf(type)) {
        assertTrue(SubmissionSchema.inputsOf(type).contains(required), required);
        java.util.Map<String, java.util.List<String>> fields = new java.util.HashMap<>();
        fields.put("mrc", java.util.List.of("100"));
        fields.put("firstName", java.util.List.of("Gisèle"));
        fields.put("lastName", java.util.List.of("Côté"));
        fields.put("email", java.util.List.of("gisele@example.org"));
        fields.put("roles", java.util.List.of("watch"));
        fields.put("consent", java.util.List.of("oui"));
        fields.put("category", java.util.List.of("need"));
        fields.put("description", java.util.List.of("Transport"));
        fields.put("reporterEmail", java.util.List.of("gisele@example.org"));
        fields.keySet().retainAll(SubmissionSchema.inputsOf(type));
        fields.remove(required);
        ca.relais.core.intake.FormFields form = ca.relais.core.intake.FormFields.of(fields);
        ca.relais.core.intake.Validation<?> result =
            type == SubmissionType.SIGNUP
                ? validator.signUp(form, Language.FR)
                : validator.observation(form, Language.FR);
        assertTrue(
            result instanceof ca.relais.core.intake.Validation.Invalid<?> invalid
                && invalid.errors().stream().anyMatch(e -> e.field().equals(required)),
            type + " without " + required + " is refused");
      }
    }
  }

  @Test
  void changingTheNoticeTextChangesItsVersion() {
    PrivacyNotice notice = PrivacyNotice.of(NoticeParameters.templateDefaults());
    PrivacyNotice oneWordMore =
        PrivacyNotice.ofTexts(notice.text(Language.FR) + " Merci.", notice.text(Language.EN));
    PrivacyNotice otherOfficer =
        PrivacyNotice.of(
            new NoticeParameters(
                "CISSS du Bas-Saint-Laurent",
                "Responsable de la protection des renseignements personnels, prp@example.org",
                "relais@example.org"));
    assertNotEquals(notice.version(), oneWordMore.version());
    assertNotEquals(notice.hash(), oneWordMore.hash());
    assertNotEquals(notice.version(), otherOfficer.version());
    assertEquals(notice.version(), PrivacyNotice.of(NoticeParameters.templateDefaults()).version());
    assertTrue(notice.version().matches("notice-[0-9a-f]{12}"), notice.version());
  }

  @Test
  void theNoticeNamesTheBodyTheOfficerTheRightsAndWhereToWrite() {
    PrivacyNotice notice =
        PrivacyNotice.of(
            new NoticeParameters(
                "CISSS du Bas-Saint-Laurent", "Me Anne Roy, 418 555-0100", "prp@cisss.example"));
    String fr = notice.text(Language.FR);
    assertTrue(fr.contains("CISSS du Bas-Saint-Laurent"), fr);
    assertTrue(fr.contains("Me Anne Roy, 418 555-0100"), fr);
    assertTrue(fr.contains("Écrivez à prp@cisss.example"), fr);
    assertTrue(fr.contains("corriger"), fr);
    assertTrue(fr.contains("retirer votre consentement"), fr);
    assertTrue(fr.contains("ne nommez pas"), fr);
    String en = notice.text(Language.EN);
    assertTrue(en.contains("Write to prp@cisss.example"), en);
    assertTrue(en.contains("withdraw your consent"), en);
  }

  @Test
  void thePersonKeyIsKeyedAndNormalised() {
    PersonKey one = PersonKey.fromSecret("0123456789abcdef0123456789abcdef");
    PersonKey other = PersonKey.fromSecret("fedcba9876543210fedcba9876543210");
    assertEquals(one.of("Jean@Example.org "), one.of("jean@example.org"));
    assertNotEquals(one.of("jean@example.org"), other.of("jean@example.org"));
    assertNotEquals(
        ca.relais.core.intake.ContentFingerprint.sha256("jean@example.org"),
        one.of("jean@example.org"));
    assertThrows(IllegalArgumentException.class, () -> PersonKey.fromSecret("short"));
  }
}
