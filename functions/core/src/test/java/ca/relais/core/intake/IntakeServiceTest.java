package ca.relais.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.i18n.Messages;
import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.territory.TerritoryResolver;
import ca.relais.core.testing.InMemorySubmissionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IntakeServiceTest {

  private static final TerritoryResolver TERRITORIES =
      new TerritoryResolver(TerritoryDirectory.loadDefault());
  private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");

  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final MutableClock clock = new MutableClock(NOW);
  private final AtomicLong bits = new AtomicLong(12345);
  private final IntakeService intake =
      new IntakeService(
          new SubmissionValidator(TERRITORIES, clock),
          store,
          ReferenceIds.fromBits(bits::incrementAndGet),
          RetentionPolicy.defaults(),
          clock);

  private static Map<String, List<String>> signUpFields() {
    Map<String, List<String>> f = new LinkedHashMap<>();
    f.put("firstName", List.of("Marie-Ève"));
    f.put("lastName", List.of("Côté"));
    f.put("email", List.of("marie-eve.cote@example.org"));
    f.put("municipality", List.of("saint jean port joli"));
    f.put("roles", List.of("watch", "support"));
    f.put("consent", List.of("on"));
    return f;
  }

  private static Map<String, List<String>> observationFields() {
    Map<String, List<String>> f = new LinkedHashMap<>();
    f.put("mrc", List.of("MRC de Rimouski-Neigette"));
    f.put("category", List.of("concern"));
    f.put("description", List.of("Des aînés isolés depuis la fermeture de l'épicerie."));
    f.put("distress", List.of("true"));
    f.put("observedOn", List.of("2026-11-20"));
    f.put("reporterEmail", List.of("eclaireur@example.org"));
    return f;
  }

  private IntakeOutcome submit(SubmissionType type, Map<String, List<String>> fields) {
    return submit(type, fields, Optional.empty(), Language.FR);
  }

  private IntakeOutcome submit(
      SubmissionType type, Map<String, List<String>> fields, Optional<String> key, Language lang) {
    return intake.submit(new IntakeRequest(type, FormFields.of(fields), key, lang));
  }

  private static List<FieldError> errors(IntakeOutcome outcome) {
    return assertInstanceOf(IntakeOutcome.Rejected.class, outcome).errors();
  }

  private static String messageFor(List<FieldError> errors, String field, Language language) {
    FieldError error =
        errors.stream()
            .filter(e -> e.field().equals(field))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no error for " + field + " in " + errors));
    return Messages.of(language).format(error.messageKey(), error.arguments());
  }

  @Test
  void storesSignUpWithResolvedMrcAndNormalisedFields() {
    IntakeOutcome outcome = submit(SubmissionType.SIGNUP, signUpFields());
    String id = assertInstanceOf(IntakeOutcome.Accepted.class, outcome).id();
    assertTrue(id.matches("S-20261123-[0-9A-Z]{8}"), id);
    SignUp stored = (SignUp) store.find(id).orElseThrow().content();
    assertEquals("Marie-Ève", stored.firstName());
    assertEquals("170", stored.territory().mrcCode());
    assertEquals("L'Islet", stored.territory().mrcName());
    assertEquals("12", stored.territory().regionCode());
    assertEquals(Optional.of("Saint-Jean-Port-Joli"), stored.territory().municipalityName());
    assertEquals(Set.of(Role.WATCH, Role.SUPPORT), stored.roles());
    assertEquals(Language.FR, stored.language());
  }

  @Test
  void storesObservationByMrcName() {
    String id =
        assertInstanceOf(
                IntakeOutcome.Accepted.class,
                submit(SubmissionType.OBSERVATION, observationFields()))
            .id();
    Observation stored = (Observation) store.find(id).orElseThrow().content();
    assertEquals("100", stored.territory().mrcCode());
    assertEquals("01", stored.territory().regionCode());
    assertEquals(Category.CONCERN, stored.category());
    assertTrue(stored.distress());
    assertEquals(Optional.of(LocalDate.of(2026, 11, 20)), stored.observedOn());
  }

  @Test
  void rejectsTextGarbledInDecoding_namingTheField_andStoresNothing() {
    Map<String, List<String>> fields = observationFields();
    fields.put("description", List.of("Besoin d\uFFFD\uFFFDaide"));
    fields.put("place", List.of("Parc \uD83D"));
    List<FieldError> errors = errors(submit(SubmissionType.OBSERVATION, fields));
    assertEquals(List.of("description", "place"), errors.stream().map(FieldError::field).toList());
    assertTrue(messageFor(errors, "description", Language.FR).contains("UTF-8"));
    assertTrue(store.submissions.isEmpty());
  }

  @Test
  void keepsEmojiAndAccents() {
    Map<String, List<String>> fields = observationFields();
    fields.put("description", List.of("Bon coup à Rimouski 🙂 — merci !"));
    String id = ((IntakeOutcome.Accepted) submit(SubmissionType.OBSERVATION, fields)).id();
    assertEquals(
        "Bon coup à Rimouski 🙂 — merci !",
        ((Observation) store.find(id).orElseThrow().content()).description());
  }

  @Test
  void normalisesPhoneToE164() {
    Map<String, List<String>> fields = signUpFields();
    fields.put("phone", List.of("(418) 555-0123"));
    String id = ((IntakeOutcome.Accepted) submit(SubmissionType.SIGNUP, fields)).id();
    assertEquals(
        Optional.of("+14185550123"), ((SignUp) store.find(id).orElseThrow().content()).phone());
  }

  @Test
  void rejectsEverythingWrongAtOnce_withFrenchMessages_andStoresNothing() {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("firstName", List.of(" "));
    fields.put("email", List.of("pas-un-courriel"));
    fields.put("phone", List.of("123"));
    fields.put("municipality", List.of("Atlantide"));
    fields.put("roles", List.of("dance"));
    fields.put("favouriteColour", List.of("blue"));
    List<FieldError> errors = errors(submit(SubmissionType.SIGNUP, fields));
    assertEquals(
        Set.of("firstName", "lastName", "email", "phone", "municipality", "roles", "consent", "#6"),
        errors.stream().map(FieldError::field).collect(java.util.stream.Collectors.toSet()));
    assertEquals("Ce champ est obligatoire.", messageFor(errors, "lastName", Language.FR));
    assertTrue(messageFor(errors, "municipality", Language.FR).contains("introuvable"));
    assertTrue(store.submissions.isEmpty());
  }

  @Test
  void explainsErrorsInEnglish() {
    Map<String, List<String>> fields = signUpFields();
    fields.remove("consent");
    List<FieldError> errors =
        errors(submit(SubmissionType.SIGNUP, fields, Optional.empty(), Language.EN));
    assertEquals(
        "We need your consent for the relay team to contact you.",
        messageFor(errors, "consent", Language.EN));
  }

  @Test
  void rejectsConsentThatIsNotGiven() {
    Map<String, List<String>> fields = signUpFields();
    fields.put("consent", List.of("false"));
    assertEquals("consent", errors(submit(SubmissionType.SIGNUP, fields)).get(0).field());
  }

  @Test
  void rejectsAmbiguousMunicipality_listingCandidates() {
    Map<String, List<String>> fields = signUpFields();
    fields.put("municipality", List.of("Saint-Lambert"));
    List<FieldError> errors = errors(submit(SubmissionType.SIGNUP, fields));
    String message = messageFor(errors, "municipality", Language.FR);
    assertTrue(message.contains("Longueuil") && message.contains("Abitibi-Ouest"), message);
  }

  @Test
  void rejectsMunicipalityOutsideTheGivenMrc() {
    Map<String, List<String>> fields = observationFields();
    fields.put("municipality", List.of("Rimouski"));
    fields.put("mrc", List.of("080"));
    List<FieldError> errors = errors(submit(SubmissionType.OBSERVATION, fields));
    assertTrue(messageFor(errors, "municipality", Language.FR).contains("Rimouski-Neigette"));
  }

  @Test
  void rejectsUnknownCategoryFutureDateAndLongDescription() {
    Map<String, List<String>> fields = observationFields();
    fields.put("category", List.of("gossip"));
    fields.put("observedOn", List.of("2026-11-24"));
    fields.put("description", List.of("x".repeat(4001)));
    List<FieldError> errors = errors(submit(SubmissionType.OBSERVATION, fields));
    assertEquals(3, errors.size(), errors.toString());
    assertEquals(
        "La date ne peut pas être dans le futur.", messageFor(errors, "observedOn", Language.FR));
  }

  @Test
  void acceptsDescriptionOfExactly4000Characters_countingAccentsAsOne() {
    Map<String, List<String>> fields = observationFields();
    fields.put("description", List.of("é".repeat(4000)));
    assertInstanceOf(IntakeOutcome.Accepted.class, submit(SubmissionType.OBSERVATION, fields));
  }

  @Test
  void rejectsRepeatedSingleValuedField() {
    Map<String, List<String>> fields = signUpFields();
    fields.put("email", List.of("a@example.org", "b@example.org"));
    assertEquals("email", errors(submit(SubmissionType.SIGNUP, fields)).get(0).field());
  }

  @Test
  void honeypotLooksLikeSuccessButStoresNothing() {
    Map<String, List<String>> fields = signUpFields();
    fields.put("website", List.of("http://spam.example"));
    assertInstanceOf(IntakeOutcome.Accepted.class, submit(SubmissionType.SIGNUP, fields));
    assertTrue(store.submissions.isEmpty());
  }

  @Test
  void samePostTwiceGivesSameIdAndOneRecord_evenWithOtherCaseAndSpacing() {
    String first =
        ((IntakeOutcome.Accepted) submit(SubmissionType.OBSERVATION, observationFields())).id();
    Map<String, List<String>> again = observationFields();
    again.put("description", List.of("  des aînés ISOLÉS depuis la fermeture de l'épicerie "));
    clock.advance(Duration.ofMinutes(5));
    IntakeOutcome.Accepted second =
        (IntakeOutcome.Accepted) submit(SubmissionType.OBSERVATION, again);
    assertEquals(first, second.id());
    assertTrue(second.replay());
    assertEquals(1, store.submissions.size());
  }

  @Test
  void samePostAfterTheDuplicateWindowIsANewSubmission() {
    String first =
        ((IntakeOutcome.Accepted) submit(SubmissionType.OBSERVATION, observationFields())).id();
    clock.advance(Duration.ofHours(49));
    String second =
        ((IntakeOutcome.Accepted) submit(SubmissionType.OBSERVATION, observationFields())).id();
    assertNotEquals(first, second);
    assertEquals(2, store.submissions.size());
  }

  @Test
  void idempotencyKeyReplaysTheFirstId_andRefusesReuseForOtherContent() {
    Optional<String> key = Optional.of("client-retry-42");
    String first =
        ((IntakeOutcome.Accepted) submit(SubmissionType.SIGNUP, signUpFields(), key, Language.FR))
            .id();
    assertEquals(
        first,
        ((IntakeOutcome.Accepted) submit(SubmissionType.SIGNUP, signUpFields(), key, Language.FR))
            .id());
    Map<String, List<String>> other = signUpFields();
    other.put("firstName", List.of("Louis"));
    List<FieldError> errors = errors(submit(SubmissionType.SIGNUP, other, key, Language.FR));
    assertEquals("Idempotency-Key", errors.get(0).field());
    assertEquals(1, store.submissions.size());
  }

  @Test
  void languageFieldWinsOverAcceptLanguage() {
    Map<String, List<String>> fields = signUpFields();
    fields.put("language", List.of("en"));
    IntakeOutcome.Accepted accepted =
        (IntakeOutcome.Accepted) submit(SubmissionType.SIGNUP, fields);
    assertEquals(Language.EN, accepted.language());
    assertEquals(Language.EN, store.find(accepted.id()).orElseThrow().content().language());
  }

  @Test
  void rejectsControlCharactersInNames() {
    Map<String, List<String>> fields = signUpFields();
    fields.put("firstName", List.of("Marie\u0000"));
    assertFalse(errors(submit(SubmissionType.SIGNUP, fields)).isEmpty());
  }

  /** A clock the test moves forward. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      MutableClock self = this;
      return new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return zone;
        }

        @Override
        public Clock withZone(java.time.ZoneId z) {
          return self.withZone(z);
        }

        @Override
        public Instant instant() {
          return self.now;
        }
      };
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
