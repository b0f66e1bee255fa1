package ca.relais.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.model.Category;
import ca.relais.core.model.FieldSpec;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.model.Territory;
import ca.relais.core.privacy.ConsentProof;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB mapping against the submission schema: every declared attribute of each record type
 * is written and read back, nothing undeclared is stored beside the table's own keys.
 */
class SubmissionItemsTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-23T15:00:00Z");
  private static final Territory RIMOUSKI =
      new Territory(
          "100",
          "Rimouski-Neigette",
          "01",
          "Bas-Saint-Laurent",
          Optional.of("10043"),
          Optional.of("Rimouski"));

  /** The table's own attributes: keys, index keys, record type, guards. */
  private static final Set<String> TABLE_ATTRIBUTES =
      Set.of("pk", "sk", "gsi1pk", "gsi1sk", "recordType", "guards");

  private static ConsentProof consent(List<String> purposes, boolean withdrawn) {
    return new ConsentProof(
        purposes,
        "notice-0123456789ab",
        "ab".repeat(32),
        RECEIVED,
        "form:bsl-typeform",
        withdrawn ? Optional.of(RECEIVED.plusSeconds(86400)) : Optional.empty());
  }

  private static Submission fullSignUp() {
    return new Submission(
        "S-20261123-4H8N2P6R",
        RECEIVED,
        new SignUp(
            "Gisèle",
            "Côté",
            "gisele@example.org",
            Optional.of("+14185550123"),
            RIMOUSKI,
            EnumSet.of(Role.WATCH, Role.SUPPORT),
            Language.EN,
            Optional.of("Les soirs"),
            Optional.of("Bonjour")),
        NOTES,
        Optional.of(consent(ConsentProof.SIGNUP_PURPOSES, true)));
  }

  private static Submission fullObservation() {
    return new Submission(
        "O-20261123-7K3M9Q2X",
        RECEIVED,
        new Observation(
            RIMOUSKI,
            Category.NEED,
            "Besoin de transport",
            true,
            Optional.of(LocalDate.of(2026, 11, 20)),
            Optional.of("Épicerie"),
            "eclaireur@example.org",
            Optional.of("Jean Tremblay"),
            Language.FR),
        NOTES,
        Optional.of(consent(List.of(), false)));
  }

  /** A correction of an earlier record, with an optional answer left out. */
  private static final ca.relais.core.model.SubmissionNotes NOTES =
      new ca.relais.core.model.SubmissionNotes(
          Optional.of("O-20261122-AAAAAAAA"), List.of("observedOn"));

  private static Submission fullReview() {
    return new Submission(
        "R-20261123-5T6Y7U8I",
        RECEIVED,
        new ca.relais.core.model.ReportToReview(
            ca.relais.core.model.ReportToReview.Reason.INCOMPLETE,
            SubmissionType.OBSERVATION,
            "typeform-bsl",
            RIMOUSKI,
            List.of(
                new ca.relais.core.model.ReportToReview.Problem(
                    "category", "Type de signalement", "field.category", List.of("autre"))),
            List.of(
                new ca.relais.core.model.ReportToReview.ReceivedAnswer(
                    "Que se passe-t-il?", List.of("Un voisin isolé", "depuis un mois"))),
            true,
            Language.FR),
        NOTES,
        Optional.of(consent(List.of(), false)));
  }

  @Test
  void everyDeclaredAttributeRoundTripsItemToRecord() {
    for (Submission submission : List.of(fullSignUp(), fullObservation(), fullReview())) {
      Instant retainUntil = RECEIVED.plus(SubmissionSchema.retentionOf(submission.type()));
      Map<String, AttributeValue> item = SubmissionItems.toItem(submission, retainUntil);
      for (FieldSpec field : SubmissionSchema.fieldsOf(submission.type())) {
        boolean optionalAbsent =
            submission.type() != SubmissionType.SIGNUP && field.name().equals("withdrawnAt");
        assertEquals(
            !optionalAbsent,
            item.containsKey(field.name()),
            submission.type() + " writes " + field.name());
      }
      for (String attribute : item.keySet()) {
        assertTrue(
            TABLE_ATTRIBUTES.contains(attribute)
                || SubmissionSchema.field(attribute)
                    .filter(f -> f.carriedBy(submission.type()))
                    .isPresent(),
            "undeclared attribute " + attribute);
      }
      assertEquals(submission, SubmissionItems.fromItem(item));
      assertEquals(
          retainUntil.toString(), SubmissionItems.attributes(item).get("expiresAt"), "TTL");
    }
  }

  @Test
  void aRequiredAttributeIsOnEveryItemOfItsType() {
    for (Submission submission : List.of(fullSignUp(), fullObservation(), fullReview())) {
      Map<String, AttributeValue> item =
          SubmissionItems.toItem(submission, RECEIVED.plusSeconds(60));
      for (FieldSpec field : SubmissionSchema.fieldsOf(submission.type())) {
        if (field.requiredFor().contains(submission.type())) {
          assertTrue(item.containsKey(field.name()), field.name());
        }
      }
    }
  }

  @Test
  void anExpiredOrWithdrawnItemIsOutOfUse() {
    Map<String, AttributeValue> live =
        SubmissionItems.toItem(fullObservation(), RECEIVED.plusSeconds(60));
    assertFalse(SubmissionItems.outOfUse(live, RECEIVED));
    assertTrue(SubmissionItems.outOfUse(live, RECEIVED.plusSeconds(61)), "past its retention");
    Map<String, AttributeValue> withdrawn =
        SubmissionItems.toItem(fullSignUp(), RECEIVED.plusSeconds(60));
    assertTrue(SubmissionItems.outOfUse(withdrawn, RECEIVED), "consent withdrawn");
  }
}
