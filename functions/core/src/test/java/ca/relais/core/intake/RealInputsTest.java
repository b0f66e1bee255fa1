package ca.relais.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.i18n.Messages;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.territory.TerritoryResolver;
import ca.relais.core.testing.InMemorySubmissionStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs that people and tools really send (issue 13): each family is tried with several members,
 * through the intake service, checking what is stored and what the error says.
 */
class RealInputsTest {

  private static final TerritoryResolver TERRITORIES =
      new TerritoryResolver(TerritoryDirectory.loadDefault());
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final AtomicLong bits = new AtomicLong(777);
  private final IntakeService intake =
      new IntakeService(
          new SubmissionValidator(TERRITORIES, CLOCK),
          store,
          ReferenceIds.fromBits(bits::incrementAndGet),
          RetentionPolicy.defaults(),
          CLOCK);

  private static Map<String, List<String>> signUp() {
    Map<String, List<String>> f = new LinkedHashMap<>();
    f.put("firstName", List.of("Jean"));
    f.put("lastName", List.of("Tremblay"));
    f.put("email", List.of("jean.tremblay@example.org"));
    f.put("municipality", List.of("Rimouski"));
    f.put("roles", List.of("watch"));
    f.put("consent", List.of("on"));
    return f;
  }

  private static Map<String, List<String>> observation() {
    Map<String, List<String>> f = new LinkedHashMap<>();
    f.put("mrc", List.of("Rimouski-Neigette"));
    f.put("category", List.of("concern"));
    f.put("description", List.of("Des aînés isolés."));
    f.put("reporterEmail", List.of("eclaireur@example.org"));
    return f;
  }

  private IntakeOutcome submit(SubmissionType type, Map<String, List<String>> fields) {
    return intake.submit(
        new IntakeRequest(type, FormFields.of(fields), Optional.empty(), Language.FR));
  }

  private String accepted(SubmissionType type, Map<String, List<String>> fields) {
    IntakeOutcome outcome = submit(type, fields);
    return assertInstanceOf(IntakeOutcome.Accepted.class, outcome, outcome.toString()).id();
  }

  private FieldError onlyError(SubmissionType type, Map<String, List<String>> fields) {
    IntakeOutcome outcome = submit(type, fields);
    List<FieldError> errors =
        assertInstanceOf(IntakeOutcome.Rejected.class, outcome, outcome.toString()).errors();
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(store.submissions.isEmpty(), "nothing stored");
    return errors.get(0);
  }

  // 1. Control and invisible characters -------------------------------------------------------

  /** Line breaks, tabs, C0 and C1 controls, separators and invisible formatting characters. */
  private static final String[] NOT_ONE_LINE = {
    "Jean\r\nBcc: pirate@example.org",
    "Jean\nCourriel : faux@example.org",
    "Jean\rX",
    "Jean\tTremblay",
    "Jean\u0000",
    "Jean\u0007X",
    "Jean\u001b[31mX",
    "Jean\u007fX",
    "Jean\u0085Courriel : faux@example.org",
    "Jean\u009bX",
    "Jean\u2028X",
    "Jean\u2029X",
    "Je\u200Ban",
    "Jean\u200E",
    "\u202EnaeJ",
    "Jean\u2066X\u2069",
    "\uFEFFJean",
    "Je\u00ADan",
    "Jean\u2060X",
    "Jean\u3164",
    "Jean \u200D",
    "Jean\uDB40\uDC41",
  };

  @ParameterizedTest
  @ValueSource(strings = {"firstName", "lastName", "municipality", "availability"})
  void oneLineSignUpFieldsRefuseControlAndInvisibleCharacters_withTheFieldsError(String field) {
    for (String value : NOT_ONE_LINE) {
      Map<String, List<String>> fields = signUp();
      fields.put(field, List.of(value));
      FieldError error = onlyError(SubmissionType.SIGNUP, fields);
      assertEquals(field, error.field(), value);
      assertEquals("field.one_line", error.messageKey(), value);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"place", "reporterName", "mrc"})
  void oneLineObservationFieldsRefuseThemToo(String field) {
    for (String value : NOT_ONE_LINE) {
      Map<String, List<String>> fields = observation();
      fields.put(field, List.of(value));
      FieldError error = onlyError(SubmissionType.OBSERVATION, fields);
      assertEquals(field, error.field(), value);
      assertEquals(
          "Ce champ doit tenir sur une seule ligne, sans caractère de contrôle ni caractère"
              + " invisible.",
          Messages.of(Language.FR).format(error.messageKey(), error.arguments()));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Marie-Ève",
        "O’Neil-D'Amours",
        "Nguyễn Thị",
        "José María",
        "Saint\u00A0Jean",
        "Kim 👩‍💻",
        "Zoë ❤️‍🔥",
        "Ωmega Ĳssel",
      })
  void visibleNamesAreKeptAsTyped(String name) {
    Map<String, List<String>> fields = signUp();
    fields.put("firstName", List.of(name));
    String id = accepted(SubmissionType.SIGNUP, fields);
    assertEquals(name, ((SignUp) store.find(id).orElseThrow().content()).firstName());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Ligne 1\r\nLigne 2",
        "Ligne 1\nLigne 2\n\n\tretrait",
        "Un\u2028deux",
        "Aînés 👵🏽 isolés ❤️‍🔥",
      })
  void freeTextKeepsLineBreaksAndTabs(String description) {
    Map<String, List<String>> fields = observation();
    fields.put("description", List.of(description));
    String id = accepted(SubmissionType.OBSERVATION, fields);
    assertEquals(description, ((Observation) store.find(id).orElseThrow().content()).description());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "texte\u0000",
        "texte\u001b[2J",
        "texte\u0085suite",
        "texte\u202Eetxet",
        "te\u200Bxte",
        "texte\u0008",
      })
  void freeTextRefusesOtherControlAndInvisibleCharacters(String description) {
    Map<String, List<String>> fields = observation();
    fields.put("description", List.of(description));
    FieldError error = onlyError(SubmissionType.OBSERVATION, fields);
    assertEquals("description", error.field());
    assertEquals("field.control", error.messageKey());
  }

  // 2. Phone numbers --------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(418) 555-0142 poste 12",
        "418-555-0142 Poste 12",
        "418 555-0142, POSTE 12",
        "418-555-0142 p. 12",
        "418-555-0142 p.12",
        "418 555 0142 P12",
        "418 555 0142 ext. 12",
        "418.555.0142 ext 12",
        "418-555-0142 Ext: 12",
        "+1 418 555 0142 extension 12",
        "4185550142x12",
        "418-555-0142 x 12",
        "418-555-0142 #12",
        "1 418 555-0142 # 12",
        "418-555-0142;ext=12",
      })
  void phoneExtensionsAreKeptWithTheNumber(String typed) {
    Map<String, List<String>> fields = signUp();
    fields.put("phone", List.of(typed));
    String id = accepted(SubmissionType.SIGNUP, fields);
    assertEquals(
        Optional.of("+14185550142;ext=12"),
        ((SignUp) store.find(id).orElseThrow().content()).phone());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(418) 555-0142",
        "418.555.0142",
        "1-418-555-0142",
        "+1 418 555 0142",
        "4185550142",
      })
  void phoneWithoutExtensionIsStoredInE164(String typed) {
    Map<String, List<String>> fields = signUp();
    fields.put("phone", List.of(typed));
    String id = accepted(SubmissionType.SIGNUP, fields);
    assertEquals(
        Optional.of("+14185550142"), ((SignUp) store.find(id).orElseThrow().content()).phone());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "418 555-0142 poste",
        "418 555-0142 ext.",
        "418-555-0142 poste douze",
        "418-555-0142 poste 12 poste 3",
        "555-0142 poste 12",
        "123",
        "418-555-0142 poste 12345678901",
      })
  void badPhonesAreRefusedWithTheFieldsMessage(String typed) {
    Map<String, List<String>> fields = signUp();
    fields.put("phone", List.of(typed));
    FieldError error = onlyError(SubmissionType.SIGNUP, fields);
    assertEquals("phone", error.field());
    assertEquals("field.phone", error.messageKey());
  }

  @org.junit.jupiter.api.Test
  void storedPhonesAreShownToAgentsReadably() {
    assertEquals(
        "+1 418-555-0142, poste 12", PhoneNumber.display("+14185550142;ext=12", Language.FR));
    assertEquals(
        "+1 418-555-0142, ext. 12", PhoneNumber.display("+14185550142;ext=12", Language.EN));
    assertEquals("+1 418-555-0142", PhoneNumber.display("+14185550142", Language.FR));
    assertEquals("+33 1 42 68 53 00", PhoneNumber.display("+33142685300", Language.FR));
  }

  // 3. Email addresses ------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "prenom.nom.@example.org",
        ".prenom@example.org",
        "a..b@example.org",
        "a...b@example.org",
        ".@example.org",
        "a.@b.ca",
        "prenom..nom.@example.org",
      })
  void addressesWithMisplacedDotsAreRefused_withTheUsualMessage(String address) {
    Map<String, List<String>> fields = signUp();
    fields.put("email", List.of(address));
    FieldError error = onlyError(SubmissionType.SIGNUP, fields);
    assertEquals("email", error.field());
    assertEquals("field.email", error.messageKey());
    Map<String, List<String>> report = observation();
    report.put("reporterEmail", List.of(address));
    assertEquals("reporterEmail", onlyError(SubmissionType.OBSERVATION, report).field());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a.b@example.org",
        "o'neil@example.ca",
        "jean+relais@example.ca",
        "j.-p.tremblay@sub.example.qc.ca",
        "x@example.org",
      })
  void ordinaryAddressesAreAccepted(String address) {
    Map<String, List<String>> fields = signUp();
    fields.put("email", List.of(address));
    accepted(SubmissionType.SIGNUP, fields);
  }

  @org.junit.jupiter.api.Test
  void theDuplicateCheckFoldsAddressesByCaseOnly() {
    String first = accepted(SubmissionType.SIGNUP, signUp());
    Map<String, List<String>> otherCase = signUp();
    otherCase.put("email", List.of("Jean.Tremblay@Example.ORG"));
    assertEquals(first, accepted(SubmissionType.SIGNUP, otherCase));
    for (String other :
        List.of(
            "jeantremblay@example.org",
            "jean-tremblay@example.org",
            "jean_tremblay@example.org",
            "jean.tremblay@example.org.ca")) {
      Map<String, List<String>> fields = signUp();
      fields.put("email", List.of(other));
      assertNotEquals(first, accepted(SubmissionType.SIGNUP, fields), other);
    }
    assertEquals(5, store.submissions.size());
  }
}
