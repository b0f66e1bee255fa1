package ca.relais.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.model.Territory;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint of a submission is stored in the duplicate guards of a deployed table: the same
 * submission must keep its fingerprint across a deployment, or a duplicate sent across it is
 * missed. The values below were computed before the fingerprint read its fields from the schema.
 */
class ContentFingerprintGoldenTest {

  private static final Territory RIMOUSKI =
      new Territory(
          "100",
          "Rimouski-Neigette",
          "01",
          "Bas-Saint-Laurent",
          Optional.of("10043"),
          Optional.of("Rimouski"));
  private static final Territory MRC_ONLY =
      new Territory(
          "170", "L'Islet", "12", "Chaudière-Appalaches", Optional.empty(), Optional.empty());

  static SignUp fullSignUp() {
    return new SignUp(
        "Gisèle",
        "Côté-Lévesque",
        "Gisele.Cote@Example.org",
        Optional.of("+14185550100"),
        RIMOUSKI,
        Set.of(Role.values()),
        Language.FR,
        Optional.of("Les soirs, « après 18 h »"),
        Optional.of("J’ai hâte!  Merci."));
  }

  static SignUp shortSignUp() {
    return new SignUp(
        "Jean",
        "Tremblay",
        "jean@example.org",
        Optional.empty(),
        MRC_ONLY,
        Set.of(Role.values()[0]),
        Language.EN,
        Optional.empty(),
        Optional.empty());
  }

  static Observation fullObservation() {
    return new Observation(
        RIMOUSKI,
        Category.CONCERN,
        "Un voisin âgé semble isolé; il ne sort plus.\nÀ suivre.",
        true,
        Optional.of(LocalDate.of(2026, 11, 20)),
        Optional.of("Épicerie du coin"),
        "Eclaireur@Example.org",
        Optional.of("Jean Tremblay"),
        Language.FR);
  }

  static Observation shortObservation() {
    return new Observation(
        MRC_ONLY,
        Category.NEED,
        "Transport",
        false,
        Optional.empty(),
        Optional.empty(),
        "a@example.org",
        Optional.empty(),
        Language.EN);
  }

  static ReportToReview review() {
    return new ReportToReview(
        ReportToReview.Reason.INCOMPLETE,
        SubmissionType.OBSERVATION,
        "tally-vigie",
        RIMOUSKI,
        List.of(new ReportToReview.Problem("description", "Q2", "error.required", List.of())),
        List.of(
            new ReportToReview.ReceivedAnswer("Municipalité", List.of("Rimouski")),
            new ReportToReview.ReceivedAnswer("Détresse?", List.of("Oui", "peut-être"))),
        true,
        Language.FR);
  }

  static ReportToReview consentMissing() {
    return new ReportToReview(
        ReportToReview.Reason.SIGNUP_WITHOUT_CONSENT,
        SubmissionType.SIGNUP,
        "typeform-signup",
        ReportToReview.noTerritory(),
        List.of(),
        List.of(),
        false,
        Language.FR);
  }

  @Test
  void theFingerprintOfASubmissionIsTheOneComputedBeforeTheSchemaDroveIt() {
    assertEquals(
        "8c3ba5b451a2be1332f5429ca9ba7dbd7e47d98d417d3701b8a536522f470865",
        ContentFingerprint.of(fullSignUp()));
    assertEquals(
        "df002f0e7ee8d4b64bc2fcb46291934affa845bb395ce968bc14ff3a20ad9891",
        ContentFingerprint.of(shortSignUp()));
    assertEquals(
        "38ec0f2b3fa61845d6bd3c7f7e9523473ce0f878a6d58c7fe2f926d9d1ab9d1c",
        ContentFingerprint.of(fullObservation()));
    assertEquals(
        "5ef442c62ec0cf89ef61749fe49ef176cb212704a68d5ec0816af3ab06a9f87d",
        ContentFingerprint.of(shortObservation()));
    assertEquals(
        "f9ea099c7a094138162fb6b673b45ebe5a8da7c512658009baaed56159ba58ac",
        ContentFingerprint.of(review()));
    assertEquals(
        "e4bae64400f8f39383a090547fde315a98d79b8c81c9440321d01967bb64f6ef",
        ContentFingerprint.of(consentMissing()));
  }
}
