package ca.relais.core.testing;

import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.model.Territory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** Submissions for tests, with the characters that must survive rendering. */
public final class Samples {

  /** The person key of the tests (the deployment's is the template's PersonKeySecret). */
  public static final ca.relais.core.privacy.PersonKey PERSON_KEY =
      ca.relais.core.privacy.PersonKey.fromSecret("test-person-key-secret-0123456789abcdef");

  public static final Territory RIMOUSKI =
      new Territory(
          "100",
          "Rimouski-Neigette",
          "01",
          "Bas-Saint-Laurent",
          Optional.of("10043"),
          Optional.of("Rimouski"));
  public static final Territory LISLET =
      new Territory(
          "170",
          "L'Islet",
          "12",
          "Chaudière-Appalaches",
          Optional.of("17070"),
          Optional.of("Saint-Jean-Port-Joli"));

  private Samples() {}

  public static Submission observation(String id, Territory territory, boolean distress) {
    return new Submission(
        id,
        Instant.parse("2026-11-23T15:00:00Z"),
        new Observation(
            territory,
            Category.CONCERN,
            "<script>alert('x')</script> Aînés & isolement",
            distress,
            Optional.of(LocalDate.of(2026, 11, 20)),
            Optional.of("Épicerie <fermée>"),
            "eclaireur@example.org",
            Optional.of("Jean Tremblay"),
            Language.FR));
  }

  public static Submission signUp(String id, Territory territory, Language language) {
    return new Submission(
        id,
        Instant.parse("2026-11-23T15:00:00Z"),
        new SignUp(
            "Marie-Ève",
            "Côté",
            "marie-eve@example.org",
            Optional.of("+14185550123"),
            territory,
            Set.of(Role.WATCH, Role.SUPPORT),
            language,
            Optional.of("Soirs & fins de semaine"),
            Optional.empty()));
  }
}
