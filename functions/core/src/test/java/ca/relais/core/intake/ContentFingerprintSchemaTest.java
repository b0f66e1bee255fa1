package ca.relais.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.model.FieldSpec;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.testing.SchemaVariants;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The duplicate check compares exactly what the schema declares for each record type. */
class ContentFingerprintSchemaTest {

  private final Map<String, UnaryOperator<Submission>> variants = SchemaVariants.variants();

  @Test
  void changingAnAttributeChangesTheFingerprintIffTheSchemaComparesIt() {
    for (SubmissionType type : SubmissionType.values()) {
      for (FieldSpec field : SubmissionSchema.fieldsOf(type)) {
        if (SchemaVariants.SET_BY_THE_STORE.contains(field.name())
            || field.name().equals(SchemaVariants.TYPE)) {
          continue;
        }
        UnaryOperator<Submission> variant = variants.get(field.name());
        assertTrue(variant != null, "no variant for " + field.name());
        boolean changed = false;
        for (Submission base : SchemaVariants.bases(type)) {
          changed |=
              !ContentFingerprint.of(base.content())
                  .equals(ContentFingerprint.of(variant.apply(base).content()));
        }
        assertEquals(
            field.comparedFor(type),
            changed,
            type
                + "."
                + field.name()
                + (changed ? " changes" : " does not change")
                + " the fingerprint");
      }
    }
  }

  @Test
  void theAddressIsComparedByLetterCaseOnlyAndEveryOtherTextNormalised() {
    for (SubmissionType type :
        new SubmissionType[] {SubmissionType.SIGNUP, SubmissionType.OBSERVATION}) {
      String address = SubmissionSchema.duplicateCheckAddress(type).orElseThrow();
      Submission base = SchemaVariants.bases(type).get(0);
      Submission upper = SchemaVariants.variants().get(address).apply(base); // another address
      assertNotEquals(
          ContentFingerprint.of(base.content()), ContentFingerprint.of(upper.content()));
    }
    assertTrue(SubmissionSchema.duplicateCheckAddress(SubmissionType.REVIEW).isEmpty());
  }
}
