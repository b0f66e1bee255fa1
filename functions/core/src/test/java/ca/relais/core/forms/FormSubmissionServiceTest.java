package ca.relais.core.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.intake.ContentFingerprint;
import ca.relais.core.intake.IntakeOutcome;
import ca.relais.core.intake.IntakeService;
import ca.relais.core.intake.ReferenceIds;
import ca.relais.core.intake.RetentionPolicy;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.port.SubmissionStore;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.territory.TerritoryResolver;
import ca.relais.core.testing.InMemorySubmissionStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every provider format read, mapped and stored through the real intake service. */
class FormSubmissionServiceTest {

  private static final TerritoryResolver TERRITORIES =
      new TerritoryResolver(TerritoryDirectory.loadDefault());
  private static final String NO_AUTH = "\"auth\": {\"type\": \"none\"}";
  private static final String OBSERVATION_FIELDS =
      "\"fields\": {\"municipality\": \"Municipalité\", \"category\": {\"question\":"
          + " \"Type de signalement\", \"values\": {\"Préoccupation\": \"concern\", \"Besoin\":"
          + " \"need\", \"Bon coup\": \"good_news\"}}, \"description\": \"Décrivez la"
          + " situation\", \"distress\": {\"question\": \"Détresse?\", \"values\": {\"Oui\":"
          + " \"true\", \"Non\": \"false\"}}, \"observedOn\": \"Date\", \"reporterEmail\":"
          + " \"Courriel\"}";

  private Instant now = Instant.parse("2026-11-23T15:00:00Z");
  private final InMemorySubmissionStore memory = new InMemorySubmissionStore();
  private final List<SubmissionStore.DuplicateGuard> guards = new ArrayList<>();
  private final SubmissionStore store =
      new SubmissionStore() {
        @Override
        public SaveResult save(Submission s, Instant retainUntil, DuplicateGuard guard) {
          guards.add(guard);
          return memory.save(s, retainUntil, guard);
        }

        @Override
        public Optional<Submission> find(String id) {
          return memory.find(id);
        }
      };

  private FormSubmissionService service(String formId, String config) {
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
    return new FormSubmissionService(
        FormConfigs.of(Map.of(formId, config)),
        FormSecrets.none(),
        new IntakeService(
            new SubmissionValidator(TERRITORIES, clock),
            store,
            ReferenceIds.secure(),
            RetentionPolicy.defaults(),
            clock));
  }

  private static FormDelivery delivery(String formId, String contentType, String body) {
    return new FormDelivery(
        formId,
        contentType,
        body.getBytes(StandardCharsets.UTF_8),
        h -> Optional.empty(),
        q -> Optional.empty(),
        Language.FR);
  }

  private Submission stored(FormOutcome outcome) {
    FormOutcome.Submitted submitted = assertInstanceOf(FormOutcome.Submitted.class, outcome);
    IntakeOutcome.Accepted accepted =
        assertInstanceOf(IntakeOutcome.Accepted.class, submitted.outcome(), outcome.toString());
    return memory.find(accepted.id()).orElseThrow();
  }

  @Test
  void typeform_answersByRefIdOrTitle_choicesHiddenFieldsAndBooleans() {
    String config =
        "{\"provider\": \"typeform\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", \"fields\": {\"municipality\": \"ville\", \"category\": {\"question\":"
            + " \"Q2\", \"values\": {\"Un besoin\": \"need\"}}, \"description\": \"Décrivez la"
            + " situation\", \"distress\": \"detresse\", \"reporterEmail\": \"courriel\","
            + " \"place\": \"source\"}}";
    String body =
        "{\"event_id\": \"ev-1\", \"form_response\": {\"hidden\": {\"source\": \"infolettre\"},"
            + " \"definition\": {\"fields\": [{\"id\": \"Q3\", \"title\": \"Décrivez la"
            + " situation\"}]}, \"answers\": [{\"type\": \"text\", \"text\": \"Rimouski\","
            + " \"field\": {\"id\": \"Q1\", \"ref\": \"ville\"}}, {\"type\": \"choice\","
            + " \"choice\": {\"label\": \"un BESOIN\"}, \"field\": {\"id\": \"Q2\", \"ref\":"
            + " \"x\"}}, {\"type\": \"text\", \"text\": \"Transport\", \"field\": {\"id\": \"Q3\","
            + " \"ref\": \"r3\"}}, {\"type\": \"boolean\", \"boolean\": true, \"field\": {\"id\":"
            + " \"Q4\", \"ref\": \"detresse\"}}, {\"type\": \"email\", \"email\":"
            + " \"a@example.org\", \"field\": {\"id\": \"Q5\", \"ref\": \"courriel\"}}]}}";
    Observation o =
        (Observation)
            stored(service("tf", config).submit(delivery("tf", "application/json", body)))
                .content();
    assertEquals("100", o.territory().mrcCode());
    assertEquals(Category.NEED, o.category());
    assertEquals("Transport", o.description());
    assertTrue(o.distress());
    assertEquals(Optional.of("infolettre"), o.place());
    assertEquals(
        Optional.of(ContentFingerprint.sha256("OBSERVATION:tf:ev-1")),
        guards.get(0).idempotencyKey());
  }

  @Test
  void tally_optionIdsBecomeTheirText_andLabelsMatchWhateverTheirCaseOrAccents() {
    String config =
        "{\"provider\": \"tally\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", "
            + OBSERVATION_FIELDS
            + "}";
    String body =
        "{\"eventId\": \"e-42\", \"data\": {\"fields\": [{\"key\": \"question_1\", \"label\":"
            + " \"MUNICIPALITE\", \"type\": \"INPUT_TEXT\", \"value\": \"Joliette\"}, {\"key\":"
            + " \"question_2\", \"label\": \"Type de signalement\", \"type\":"
            + " \"MULTIPLE_CHOICE\", \"value\": [\"o3\"], \"options\": [{\"id\": \"o1\","
            + " \"text\": \"Préoccupation\"}, {\"id\": \"o3\", \"text\": \"Bon coup\"}]},"
            + " {\"key\": \"question_3\", \"label\": \"Décrivez la situation\", \"type\":"
            + " \"TEXTAREA\", \"value\": \"Entraide\"}, {\"key\": \"question_4\", \"label\":"
            + " \"Courriel\", \"type\": \"INPUT_EMAIL\", \"value\": \"b@example.org\"}, {\"key\":"
            + " \"question_5\", \"label\": \"Date\", \"type\": \"INPUT_DATE\", \"value\": null}]}}";
    Observation o =
        (Observation)
            stored(service("t", config).submit(delivery("t", "application/json", body))).content();
    assertEquals("610", o.territory().mrcCode());
    assertEquals(Category.GOOD_NEWS, o.category());
    assertEquals(Optional.empty(), o.observedOn());
  }

  @Test
  void jotform_rawRequestKeysWithOrWithoutNumber_datesAndNameParts() {
    String config =
        "{\"provider\": \"jotform\", \"produces\": \"signup\", "
            + NO_AUTH
            + ", \"constants\": {\"consent\": \"true\"}, \"fields\": {\"firstName\":"
            + " \"nom/first\", \"lastName\": \"q3_nom/last\", \"email\": \"courriel\","
            + " \"municipality\": \"ville\", \"roles\": {\"question\": \"roles\", \"values\":"
            + " {\"Vigie\": \"watch\", \"Soutien\": \"support\"}}}}";
    String raw =
        "{\"q3_nom\": {\"first\": \"Luc\", \"last\": \"Gagnon\"}, \"q4_courriel\":"
            + " \"luc@example.org\", \"q5_ville\": \"Rimouski\", \"q6_roles\": [\"Vigie\","
            + " \"Soutien\"], \"q7_date\": {\"month\": \"3\", \"day\": \"9\", \"year\": \"2026\"}}";
    String boundary = "XyZ";
    String body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"submissionID\"\r\n\r\n606\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"rawRequest\"\r\n\r\n"
            + raw
            + "\r\n--XyZ--\r\n";
    SignUp s =
        (SignUp)
            stored(
                    service("j", config)
                        .submit(delivery("j", "multipart/form-data; boundary=" + boundary, body)))
                .content();
    assertEquals("Luc", s.firstName());
    assertEquals("Gagnon", s.lastName());
    assertEquals(Set.of(Role.WATCH, Role.SUPPORT), s.roles());
    assertEquals(
        List.of("2026-03-09"),
        ProviderFormat.texts(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(Map.of("month", "3", "day", "9", "year", "2026"))));
    assertEquals(
        Optional.of(ContentFingerprint.sha256("SIGNUP:j:606")), guards.get(0).idempotencyKey());
  }

  @Test
  void kobo_groupPathsOrNames_andSpaceSeparatedSelectMultiple() {
    String config =
        "{\"provider\": \"kobotoolbox\", \"produces\": \"signup\", "
            + NO_AUTH
            + ", \"fields\": {\"firstName\": \"prenom\", \"lastName\": \"grp/nom\", \"email\":"
            + " \"courriel\", \"mrc\": {\"question\": \"mrc\", \"values\": {\"rimouski\":"
            + " \"100\"}}, \"roles\": {\"question\": \"roles\", \"split\": \" \", \"values\":"
            + " {\"vigie\": \"watch\", \"promouvoir\": \"promote\"}}, \"consent\":"
            + " \"consentement\"}}";
    String body =
        "{\"_uuid\": \"u-1\", \"grp/prenom\": \"Ana\", \"grp/nom\": \"Roy\", \"grp/courriel\":"
            + " \"ana@example.org\", \"grp2/mrc\": \"rimouski\", \"roles\": \"vigie  promouvoir\","
            + " \"consentement\": \"oui\"}";
    SignUp s =
        (SignUp)
            stored(service("k", config).submit(delivery("k", "application/json", body))).content();
    assertEquals("100", s.territory().mrcCode());
    assertEquals(Set.of(Role.WATCH, Role.PROMOTE), s.roles());
    assertEquals(
        Optional.of(ContentFingerprint.sha256("SIGNUP:k:u-1")), guards.get(0).idempotencyKey());
  }

  @Test
  void powerAutomate_readsMultipleChoiceWrittenAsAJsonListText_andUsesTheDefaultMrc() {
    String config =
        "{\"provider\": \"power-automate\", \"produces\": \"observation\", \"defaultMrc\":"
            + " \"080\", "
            + NO_AUTH
            + ", \"fields\": {\"category\": \"Cat\", \"description\": \"Texte\", \"distress\":"
            + " {\"question\": \"Signes\", \"values\": {\"Détresse\": \"true\"}},"
            + " \"reporterEmail\": \"Courriel\"}}";
    String body =
        "{\"responseId\": \"12\", \"answers\": {\"Cat\": \"need\", \"Texte\": \"[sic] texte\","
            + " \"Signes\": \"[\\\"Détresse\\\"]\", \"Courriel\": \"c@example.org\"}}";
    Observation o =
        (Observation)
            stored(service("p", config).submit(delivery("p", "application/json", body))).content();
    assertEquals("080", o.territory().mrcCode());
    assertTrue(o.distress());
    assertEquals("[sic] texte", o.description());
  }

  @Test
  void json_readsPointers_andTheConfiguredDeliveryId_hashedWhenItIsNotAVisibleKey() {
    String config =
        "{\"provider\": \"json\", \"produces\": \"observation\", \"deliveryId\": \"/meta/id\", "
            + NO_AUTH
            + ", \"fields\": {\"mrc\": \"/lieu/mrc\", \"category\": \"/type\", \"description\":"
            + " \"/texte\", \"reporterEmail\": \"courriel\", \"observedOn\": \"/date\"}}";
    String body =
        "{\"meta\": {\"id\": \"identifiant avec espaces\"}, \"lieu\": {\"mrc\": \"100\"},"
            + " \"type\": \"concern\", \"texte\": \"Isolement\", \"courriel\":"
            + " \"d@example.org\", \"date\": \"2026-11-01\"}";
    Observation o =
        (Observation)
            stored(service("js", config).submit(delivery("js", "application/json", body)))
                .content();
    assertEquals(Optional.of(LocalDate.parse("2026-11-01")), o.observedOn());
    assertEquals(
        Optional.of(
            ContentFingerprint.sha256(
                "OBSERVATION:js:sha256:" + ContentFingerprint.sha256("identifiant avec espaces"))),
        guards.get(0).idempotencyKey());
  }

  @Test
  void html_honoursTheHoneypot() {
    String config =
        "{\"provider\": \"html\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", "
            + OBSERVATION_FIELDS
            + "}";
    String body =
        "Municipalit%C3%A9=Rimouski&Type+de+signalement=Besoin&D%C3%A9crivez+la+situation=x"
            + "&Courriel=e%40example.org&website=http%3A%2F%2Fspam.example";
    FormOutcome outcome =
        service("h", config).submit(delivery("h", "application/x-www-form-urlencoded", body));
    assertInstanceOf(IntakeOutcome.Accepted.class, ((FormOutcome.Submitted) outcome).outcome());
    assertTrue(memory.submissions.isEmpty(), "a bot's post is not stored");
  }

  @Test
  void aRetryAnHourLater_answersTheSameId_andStoresNothingNew() {
    String config =
        "{\"provider\": \"google-forms\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", "
            + OBSERVATION_FIELDS
            + "}";
    String body =
        "{\"responseId\": \"R1\", \"answers\": {\"Municipalité\": \"Rimouski\", \"Type de"
            + " signalement\": \"Besoin\", \"Décrivez la situation\": \"Panier\", \"Courriel\":"
            + " \"f@example.org\"}}";
    FormSubmissionService service = service("g", config);
    String first = stored(service.submit(delivery("g", "application/json", body))).id();
    now = now.plus(Duration.ofHours(1));
    String again = stored(service.submit(delivery("g", "application/json", body))).id();
    assertEquals(first, again);
    assertEquals(1, memory.submissions.size());
  }

  @Test
  void aDeliveryIdReusedForOtherContent_isRefused_andTheFirstRecordStays() {
    // A provider's redelivery is the same bytes (and signed): it cannot differ. Should the same
    // delivery id ever come with other answers, intake's idempotency rule refuses it.
    String config =
        "{\"provider\": \"google-forms\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", "
            + OBSERVATION_FIELDS
            + "}";
    String body =
        "{\"responseId\": \"R3\", \"answers\": {\"Municipalité\": \"Rimouski\", \"Type de"
            + " signalement\": \"Besoin\", \"Décrivez la situation\": \"%s\", \"Courriel\":"
            + " \"f@example.org\"}}";
    FormSubmissionService service = service("g", config);
    stored(service.submit(delivery("g", "application/json", body.formatted("Premier"))));
    FormOutcome.Submitted other =
        assertInstanceOf(
            FormOutcome.Submitted.class,
            service.submit(delivery("g", "application/json", body.formatted("Autre"))));
    IntakeOutcome.Rejected rejected =
        assertInstanceOf(IntakeOutcome.Rejected.class, other.outcome());
    assertEquals("Idempotency-Key", rejected.errors().get(0).field());
    assertEquals(1, memory.submissions.size());
  }

  @Test
  void unansweredRequiredQuestions_areEachNamed_withTheirQuestion_andNothingIsStored() {
    String config =
        "{\"provider\": \"google-forms\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", "
            + OBSERVATION_FIELDS
            + "}";
    String body =
        "{\"responseId\": \"R2\", \"answers\": {\"Type de signalement\": \"Besoin\","
            + " \"Décrivez la situation\": \"  \", \"Courriel\": \"f@example.org\"}}";
    FormOutcome.Unmapped unmapped =
        assertInstanceOf(
            FormOutcome.Unmapped.class,
            service("g", config).submit(delivery("g", "application/json", body)));
    assertEquals(
        List.of(
            new MissingAnswer("description", "Décrivez la situation"),
            new MissingAnswer("municipality", "Municipalité")),
        unmapped.missing());
    assertTrue(memory.submissions.isEmpty());
  }

  @Test
  void unknownForm_andBodiesOfTheWrongShape_areNamedOutcomes() {
    String config =
        "{\"provider\": \"typeform\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", "
            + OBSERVATION_FIELDS
            + "}";
    FormSubmissionService service = service("tf", config);
    assertInstanceOf(
        FormOutcome.UnknownForm.class, service.submit(delivery("other", "application/json", "{}")));
    assertInstanceOf(
        FormOutcome.UnexpectedPayload.class,
        service.submit(delivery("tf", "application/json", "{\"form_response\": {}}")));
    assertInstanceOf(
        FormOutcome.BadBody.class, service.submit(delivery("tf", "application/json", "{")));
    assertInstanceOf(
        FormOutcome.BadBody.class, service.submit(delivery("tf", "", "{\"form_response\":1}")));
  }
}
