package ca.relais.core.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.intake.ContentFingerprint;
import ca.relais.core.intake.IntakeService;
import ca.relais.core.intake.ReferenceIds;
import ca.relais.core.intake.RetentionPolicy;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
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

  /** A form of the generic JSON provider, without authentication, producing observations. */
  private static final String JSON_OBSERVATION_CONFIG =
      "{\"provider\": \"json\", \"produces\": \"observation\", "
          + NO_AUTH
          + ", "
          + OBSERVATION_FIELDS
          + "}";

  /** A plain HTML form without authentication, producing observations (every field received). */
  private static final String HTML_OBSERVATION_CONFIG =
      "{\"provider\": \"html\", \"produces\": \"observation\", "
          + NO_AUTH
          + ", "
          + OBSERVATION_FIELDS
          + "}";

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
    FormOutcome.Kept kept = assertInstanceOf(FormOutcome.Kept.class, outcome, outcome.toString());
    return memory.find(kept.id()).orElseThrow();
  }

  private ReportToReview review(FormOutcome outcome) {
    FormOutcome.Kept kept = assertInstanceOf(FormOutcome.Kept.class, outcome, outcome.toString());
    assertEquals(FormOutcome.Kind.REVIEW, kept.kind());
    return assertInstanceOf(ReportToReview.class, memory.find(kept.id()).orElseThrow().content());
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
            + " \"definition\": {\"fields\": [{\"id\": \"Q1\", \"ref\": \"ville\"}, {\"id\":"
            + " \"Q2\", \"ref\": \"x\"}, {\"id\": \"Q3\", \"title\": \"Décrivez la"
            + " situation\"}, {\"id\": \"Q4\", \"ref\": \"detresse\"}, {\"id\": \"Q5\", \"ref\":"
            + " \"courriel\"}]}, \"answers\": [{\"type\": \"text\", \"text\": \"Rimouski\","
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
            + " \"question_5\", \"label\": \"Date\", \"type\": \"INPUT_DATE\", \"value\": null},"
            + " {\"key\": \"question_6\", \"label\": \"Détresse?\", \"type\": \"CHECKBOXES\","
            + " \"value\": null}]}}";
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
        ProviderFormat.texts(Map.of("month", "3", "day", "9", "year", "2026")));
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
    assertInstanceOf(FormOutcome.Kept.class, outcome);
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
  void aDeliveryIdReusedForOtherContent_isACorrection_linkedToTheFirst_whichStays() {
    // An edited Google Forms response keeps its responseId: the edit is a correction.
    String config =
        "{\"provider\": \"google-forms\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", "
            + OBSERVATION_FIELDS
            + "}";
    String body =
        "{\"responseId\": \"R3\", \"answers\": {\"Municipalité\": \"Rimouski\", \"Type de"
            + " signalement\": \"Besoin\", \"Décrivez la situation\": \"Panier\", \"Détresse?\":"
            + " \"%s\", \"Courriel\": \"f@example.org\"}}";
    FormSubmissionService service = service("g", config);
    Submission first =
        stored(service.submit(delivery("g", "application/json", body.formatted("Non"))));
    FormOutcome edited = service.submit(delivery("g", "application/json", body.formatted("Oui")));
    FormOutcome.Kept kept = assertInstanceOf(FormOutcome.Kept.class, edited);
    assertEquals(FormOutcome.Kind.CORRECTION, kept.kind());
    Submission correction = memory.find(kept.id()).orElseThrow();
    assertEquals(Optional.of(first.id()), correction.notes().correctionOf());
    assertTrue(((Observation) correction.content()).distress(), "the correction adds distress");
    assertEquals(2, memory.submissions.size(), "the first record stays");
    // the same edit delivered again stores nothing more
    FormOutcome again = service.submit(delivery("g", "application/json", body.formatted("Oui")));
    assertEquals(kept.id(), ((FormOutcome.Kept) again).id());
    assertTrue(((FormOutcome.Kept) again).replay());
    assertEquals(2, memory.submissions.size());
  }

  @Test
  void unansweredRequiredQuestions_areKeptForReview_withTheAnswersAsReceived() {
    String config =
        "{\"provider\": \"google-forms\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", "
            + OBSERVATION_FIELDS
            + "}";
    String body =
        "{\"responseId\": \"R2\", \"answers\": {\"Type de signalement\": \"Besoin\","
            + " \"Décrivez la situation\": \"  \", \"Détresse?\": \"Oui\", \"Courriel\":"
            + " \"f@example.org\"}}";
    ReportToReview report =
        review(service("g", config).submit(delivery("g", "application/json", body)));
    assertEquals(
        Set.of("description", "municipality"),
        report.problems().stream()
            .map(ReportToReview.Problem::field)
            .collect(java.util.stream.Collectors.toSet()));
    assertEquals(
        "Décrivez la situation",
        report.problems().stream()
            .filter(p -> p.field().equals("description"))
            .findFirst()
            .orElseThrow()
            .question());
    assertFalse(report.territoryKnown(), "no territory: the program inbox is told");
    assertTrue(report.distress());
    assertTrue(
        report
            .answers()
            .contains(new ReportToReview.ReceivedAnswer("Courriel", List.of("f@example.org"))));
    assertEquals(1, memory.submissions.size());
  }

  @Test
  void anUnknownTerritory_isKeptForReview_andAValueThatDoesNotValidateToo() {
    String config =
        "{\"provider\": \"google-forms\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", "
            + OBSERVATION_FIELDS
            + "}";
    String body =
        "{\"responseId\": \"R9\", \"answers\": {\"Municipalité\": \"Atlantis\", \"Type de"
            + " signalement\": \"Autre chose\", \"Décrivez la situation\": \"<b>x</b>\","
            + " \"Courriel\": \"f@example.org\"}}";
    ReportToReview report =
        review(service("g", config).submit(delivery("g", "application/json", body)));
    List<String> fields = report.problems().stream().map(ReportToReview.Problem::field).toList();
    assertTrue(fields.contains("municipality"), fields.toString());
    assertTrue(fields.contains("category"), fields.toString());
  }

  @Test
  void optionalAnswersThatDoNotRead_areDropped_andNamed_theReportIsStored() {
    String config =
        "{\"provider\": \"google-forms\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", "
            + OBSERVATION_FIELDS
            + "}";
    String body =
        "{\"responseId\": \"R5\", \"answers\": {\"Municipalité\": \"Rimouski\", \"Type de"
            + " signalement\": \"Besoin\", \"Décrivez la situation\": \"Panier\", \"Date\":"
            + " \"hier soir\", \"Détresse?\": \"Peut-être\", \"Courriel\": \"f@example.org\"}}";
    Submission s = stored(service("g", config).submit(delivery("g", "application/json", body)));
    Observation o = assertInstanceOf(Observation.class, s.content());
    assertEquals(Optional.empty(), o.observedOn());
    assertEquals(
        List.of("distress", "observedOn"), s.notes().droppedAnswers().stream().sorted().toList());
  }

  @Test
  void dateTimesAndDeclaredDateFormats_readAsTheirDay() {
    String config =
        "{\"provider\": \"power-automate\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", \"defaultMrc\": \"100\", \"fields\": {\"category\": \"cat\", \"description\":"
            + " \"desc\", \"reporterEmail\": \"mail\", \"observedOn\": {\"question\": \"quand\","
            + " \"dateFormats\": [\"M/d/yyyy h:mm:ss a\"]}}}";
    String body =
        "{\"responseId\": 7, \"cat\": \"need\", \"desc\": \"%s\", \"mail\": \"a@example.org\","
            + " \"quand\": \"%s\"}";
    FormSubmissionService service = service("pa", config);
    for (String[] input :
        List.of(
            new String[] {"un", "3/14/2026 3:09:26 PM", "2026-03-14"},
            new String[] {"deux", "2021-12-05T16:13:38.527+02:00", "2021-12-05"},
            new String[] {"trois", "2026-03-14T15:09:26", "2026-03-14"})) {
      Observation o =
          (Observation)
              stored(
                      service.submit(
                          delivery(
                              "pa",
                              "application/json",
                              body.formatted(input[0], input[1])
                                  .replace(
                                      "\"responseId\": 7",
                                      "\"responseId\": \"" + input[0] + "\""))))
                  .content();
      assertEquals(Optional.of(LocalDate.parse(input[2])), o.observedOn(), input[1]);
    }
  }

  @Test
  void kobo_groupPathsAndSubmissionTime_readAsAnObservationOfItsDay() {
    String config =
        "{\"provider\": \"kobotoolbox\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", \"fields\": {\"municipality\": \"grp_lieu/municipalite\", \"category\":"
            + " {\"question\": \"type\", \"values\": {\"besoin\": \"need\"}}, \"description\":"
            + " \"grp_obs/description\", \"distress\": {\"question\": \"signes\", \"split\": \" \","
            + " \"values\": {\"isolement\": \"false\", \"ideation\": \"true\"}}, \"observedOn\":"
            + " {\"question\": [\"date_obs\", \"_submission_time\"]}, \"reporterEmail\":"
            + " \"courriel\"}}";
    String body =
        "{\"_uuid\": \"k-1\", \"start\": \"2026-03-14T09:01:02.118-04:00\","
            + " \"grp_lieu/municipalite\": \"Joliette\", \"grp_obs/type\": \"besoin\","
            + " \"grp_obs/description\": \"Voisin isolé\", \"grp_obs/signes\": \"isolement"
            + " ideation\", \"grp_obs/courriel\": \"k@example.org\", \"_submission_time\":"
            + " \"2026-03-14T15:09:26\", \"_geolocation\": [null, null]}";
    Observation o =
        (Observation)
            stored(service("kb", config).submit(delivery("kb", "application/json", body)))
                .content();
    assertEquals("610", o.territory().mrcCode());
    assertTrue(o.distress(), "one of the space-separated signs maps to yes");
    assertEquals(Optional.of(LocalDate.parse("2026-03-14")), o.observedOn());
  }

  @Test
  void severalAnswersForOneField_anyYesForABoolean_joinedForText() {
    String config =
        "{\"provider\": \"google-forms\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", \"fields\": {\"municipality\": \"Ville\", \"category\": {\"question\": \"Type\","
            + " \"values\": {\"Besoin\": \"need\"}}, \"description\": \"Situation\", \"distress\":"
            + " {\"question\": \"Signes observés\", \"values\": {\"Isolement\": \"false\", \"Propos"
            + " suicidaires\": \"true\", \"Aucun\": \"false\"}}, \"reporterEmail\": \"Courriel\"}}";
    String body =
        "{\"responseId\": \"M1\", \"answers\": [{\"itemId\": 1, \"title\": \"Ville\","
            + " \"type\": \"TEXT\", \"response\": \"Rimouski\"}, {\"itemId\": 2, \"title\":"
            + " \"Type\", \"type\": \"MULTIPLE_CHOICE\", \"response\": \"Besoin\"}, {\"itemId\": 3,"
            + " \"title\": \"Situation\", \"type\": \"CHECKBOX\", \"response\": [\"Transport\","
            + " \"Logement\"]}, {\"itemId\": 4, \"title\": \"Signes observés\", \"type\":"
            + " \"CHECKBOX\", \"response\": [\"Isolement\", \"Propos suicidaires\"]}, {\"itemId\":"
            + " 5, \"title\": \"Courriel\", \"type\": \"TEXT\", \"response\": \"a@example.org\"}]}";
    Observation o =
        (Observation)
            stored(service("g", config).submit(delivery("g", "application/json", body))).content();
    assertTrue(o.distress(), "one sign of distress ticked among others");
    assertEquals("Transport, Logement", o.description());
    assertEquals("100", o.territory().mrcCode());
  }

  @Test
  void aFullNameQuestion_becomesFirstAndLastName() {
    assertEquals(
        Optional.of("Marie-Ève"),
        FieldMapping.namePart("Marie-Ève Côté", FieldMapping.NamePart.FIRST));
    assertEquals(
        Optional.of("de la Fontaine"),
        FieldMapping.namePart("Jean de la Fontaine", FieldMapping.NamePart.LAST));
    assertEquals(
        Optional.of("Marie-Ève"),
        FieldMapping.namePart("Côté, Marie-Ève", FieldMapping.NamePart.FIRST));
    assertEquals(Optional.empty(), FieldMapping.namePart("Cher", FieldMapping.NamePart.LAST));
  }

  @Test
  void aSignUpWithoutConsent_keepsOnlyTheTry_nothingOfThePerson() {
    String config =
        "{\"provider\": \"google-forms\", \"produces\": \"signup\", "
            + NO_AUTH
            + ", \"fields\": {\"firstName\": {\"question\": \"Nom complet\", \"namePart\":"
            + " \"first\"}, \"lastName\": {\"question\": \"Nom complet\", \"namePart\": \"last\"},"
            + " \"email\": \"Courriel\", \"municipality\": \"Ville\", \"roles\": {\"question\":"
            + " \"Rôles\", \"values\": {\"Vigie\": \"watch\"}}, \"consent\": {\"question\":"
            + " \"Consentement\", \"values\": {\"J'accepte\": \"true\"}}}}";
    String body =
        "{\"responseId\": \"S%s\", \"answers\": {\"Nom complet\": \"Marie-Ève Côté\","
            + " \"Courriel\": \"me@example.org\", \"Ville\": \"Rimouski\", \"Rôles\":"
            + " [\"Vigie\"]%s}}";
    FormSubmissionService service = service("su", config);
    FormOutcome.Kept notice =
        assertInstanceOf(
            FormOutcome.Kept.class,
            service.submit(delivery("su", "application/json", body.formatted("1", ""))));
    assertEquals(FormOutcome.Kind.CONSENT_MISSING, notice.kind());
    Submission kept = memory.find(notice.id()).orElseThrow();
    ReportToReview report = assertInstanceOf(ReportToReview.class, kept.content());
    assertEquals(ReportToReview.Reason.SIGNUP_WITHOUT_CONSENT, report.reason());
    assertEquals("100", report.territory().mrcCode(), "the territory, when readable");
    assertTrue(report.answers().isEmpty(), "nothing of the person");
    assertTrue(!kept.toString().contains("Côté") && !kept.toString().contains("me@example"));
    // with consent, the full name becomes first and last name
    SignUp s =
        (SignUp)
            stored(
                    service.submit(
                        delivery(
                            "su",
                            "application/json",
                            body.formatted("2", ", \"Consentement\": \"J’accepte\""))))
                .content();
    assertEquals("Marie-Ève", s.firstName());
    assertEquals("Côté", s.lastName());
  }

  @Test
  void typeform_partialResponsesAndOtherEvents_storeNothing() {
    String config =
        "{\"provider\": \"typeform\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", "
            + OBSERVATION_FIELDS
            + "}";
    FormOutcome outcome =
        service("tf", config)
            .submit(
                delivery(
                    "tf",
                    "application/json",
                    "{\"event_id\": \"p1\", \"event_type\": \"form_response_partial\","
                        + " \"form_response\": {\"answers\": []}}"));
    assertInstanceOf(FormOutcome.Ignored.class, outcome);
    assertTrue(memory.submissions.isEmpty());
  }

  @Test
  void typeform_aMappedQuestionNotInTheFormsDefinition_isAConfigurationError() {
    String config =
        "{\"provider\": \"typeform\", \"produces\": \"observation\", "
            + NO_AUTH
            + ", \"defaultMrc\": \"100\", \"fields\": {\"category\": \"cat\", \"description\":"
            + " \"desc\", \"reporterEmail\": \"courriel\"}}";
    String body =
        "{\"event_id\": \"e\", \"event_type\": \"form_response\", \"form_response\":"
            + " {\"definition\": {\"fields\": [{\"id\": \"a\", \"ref\": \"cat\"}, {\"id\":"
            + " \"b\", \"ref\": \"desc\"}, {\"id\": \"c\", \"ref\": \"email\"}]}, \"answers\":"
            + " [{\"type\": \"text\", \"text\": \"need\", \"field\": {\"id\": \"a\"}}]}}";
    FormOutcome.QuestionNotInForm error =
        assertInstanceOf(
            FormOutcome.QuestionNotInForm.class,
            service("tf", config).submit(delivery("tf", "application/json", body)));
    assertEquals(List.of(new MissingAnswer("reporterEmail", "courriel")), error.questions());
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
    // authentic, readable, of another shape: kept for review rather than lost
    review(service.submit(delivery("tf", "application/json", "{\"form_response\": {}}")));
    // authentic, but its syntax does not read: kept for review as received, never a 4xx
    assertEquals(
        List.of(new ReportToReview.ReceivedAnswer("body", List.of("{"))),
        review(service.submit(delivery("tf", "application/json", "{"))).answers());
    // neither JSON nor with a content type: kept for review as received, never a 415
    ReportToReview untyped = review(service.submit(delivery("tf", "", "bonjour")));
    assertEquals(
        List.of(new ReportToReview.ReceivedAnswer("body", List.of("bonjour"))), untyped.answers());
    assertEquals("forms.content_type_missing", untyped.problems().get(0).messageKey());
    // a JSON object without its content type is read (and, of another shape, kept for review)
    review(service.submit(delivery("tf", "", "{\"form_response\":1}")));
  }

  @Test
  void aDeliveryWithNoJsonValueAtAll_isKeptForReview_asAnyOtherShape_neverA4xx() {
    // an authentic empty (or blank) JSON delivery is of an unexpected shape, not unreadable: kept,
    // as before the JSON reader changed; without a content type too (flagged for it)
    String jotform =
        "{\"provider\": \"jotform\", \"produces\": \"signup\", "
            + NO_AUTH
            + ", \"constants\": {\"consent\": \"true\"}, \"fields\": {\"firstName\":"
            + " \"nom/first\", \"lastName\": \"q3_nom/last\", \"email\": \"courriel\","
            + " \"municipality\": \"ville\", \"roles\": {\"question\": \"roles\", \"values\":"
            + " {\"Vigie\": \"watch\", \"Soutien\": \"support\"}}}}";
    for (String blank : List.of("", "  ", "\r\n\t ")) {
      for (String provider :
          List.of("typeform", "tally", "google-forms", "power-automate", "kobotoolbox", "json")) {
        String config =
            "{\"provider\": \""
                + provider
                + "\", \"produces\": \"observation\", "
                + NO_AUTH
                + ", "
                + OBSERVATION_FIELDS
                + "}";
        review(service(provider, config).submit(delivery(provider, "application/json", blank)));
        review(service(provider, config).submit(delivery(provider, "", blank)));
      }
      String body =
          "--XyZ\r\nContent-Disposition: form-data; name=\"submissionID\"\r\n\r\n607\r\n"
              + "--XyZ\r\nContent-Disposition: form-data; name=\"rawRequest\"\r\n\r\n"
              + blank
              + "\r\n--XyZ--\r\n";
      review(
          service("jf", jotform).submit(delivery("jf", "multipart/form-data; boundary=XyZ", body)));
    }
  }

  @Test
  void aDeliveryTooLargeForOneRecord_keepsItsFirstAnswers_andSaysTheRestIsCut() {
    // a plain HTML form (every field kept as received), its 100 fields of three long values each
    StringBuilder body = new StringBuilder("municipalite=Atlantide");
    String value = java.net.URLEncoder.encode("é".repeat(4000), StandardCharsets.UTF_8);
    for (int question = 0; question < 100; question++) {
      for (int n = 0; n < 3; n++) {
        body.append("&q").append(question).append('=').append(value);
      }
    }
    String html = HTML_OBSERVATION_CONFIG;
    ReportToReview report =
        review(
            service("ht", html)
                .submit(delivery("ht", "application/x-www-form-urlencoded", body.toString())));
    int characters =
        report.answers().stream()
            .mapToInt(
                a -> a.question().length() + a.values().stream().mapToInt(String::length).sum())
            .sum();
    assertTrue(characters <= FormSubmissionService.RECEIVED_TOTAL_CHARS_MAX, "" + characters);
    // 100,000 characters: the municipality, 8 answers of 3 whole values and one cut, of 101
    assertEquals(10, report.answers().size());
    assertEquals("é".repeat(4000), report.answers().get(1).values().get(0));
    List<String> lastValues = report.answers().get(9).values();
    String last = lastValues.get(lastValues.size() - 1);
    assertTrue(last.endsWith("…"), "a value cut says so");
    ReportToReview.Problem cut =
        report.problems().stream()
            .filter(p -> p.messageKey().equals("forms.answers_cut"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(report.problems().toString()));
    assertEquals(List.of("10", "101"), cut.arguments());
  }

  @Test
  void anAnswerWithMoreValuesOrLongerTextThanARecordKeeps_isCut_andTheCutIsSaid() {
    String html = HTML_OBSERVATION_CONFIG;
    StringBuilder manyValues = new StringBuilder("municipalite=Atlantide");
    for (int n = 0; n < 30; n++) {
      manyValues.append("&lieu=endroit").append(n);
    }
    for (String body :
        List.of(manyValues.toString(), "municipalite=Atlantide&lieu=" + "x".repeat(5000))) {
      ReportToReview report =
          review(
              service("ht", html)
                  .submit(delivery("ht", "application/x-www-form-urlencoded", body)));
      assertTrue(
          report.problems().stream().anyMatch(p -> p.messageKey().equals("forms.values_cut")),
          report.problems().toString());
    }
    // nothing cut, nothing said
    ReportToReview whole =
        review(
            service("ht", html)
                .submit(delivery("ht", "application/x-www-form-urlencoded", "municipalite=Nulle")));
    assertTrue(
        whole.problems().stream().noneMatch(p -> p.messageKey().endsWith("_cut")),
        whole.problems().toString());
  }

  @Test
  void anAuthenticDeliveryInAContentTypeItsProviderDoesNotUse_isKeptForReview_neverA415() {
    String config = JSON_OBSERVATION_CONFIG;
    for (String type : List.of("text/plain; charset=utf-8", "application/xml", "TEXT/CSV")) {
      // another text each time: the same one would be a duplicate of the first
      String body = "Municipalité : Rimouski. Détresse chez un voisin (" + type + "), jean@ex.org";
      ReportToReview report = review(service("js", config).submit(delivery("js", type, body)));
      ReportToReview.Problem problem = report.problems().get(0);
      assertEquals("Content-Type", problem.field(), type);
      assertEquals("forms.content_type_unexpected", problem.messageKey(), type);
      // the media type only, lowercased, without its parameters
      assertEquals(
          List.of("json", type.split(";")[0].toLowerCase(java.util.Locale.ROOT)),
          problem.arguments());
      assertEquals(
          List.of(new ReportToReview.ReceivedAnswer("body", List.of(body))), report.answers());
    }
    // what a client chose is shown only with the characters a media type has, and short
    ReportToReview odd =
        review(
            service("js", config)
                .submit(delivery("js", "text/<b>plain</b>\u00e9" + "x".repeat(200), "odd type")));
    String shown = odd.problems().get(0).arguments().get(1);
    assertTrue(shown.matches("[a-z0-9!#$&^_.+/-]{80}…"), shown);
    // none at all
    ReportToReview untyped = review(service("js", config).submit(delivery("js", "", "no type")));
    assertEquals("forms.content_type_missing", untyped.problems().get(0).messageKey());
    assertEquals(List.of("json"), untyped.problems().get(0).arguments());
  }

  @Test
  void anAuthenticDeliveryWhoseSyntaxDoesNotRead_isKeptForReviewAsReceived_neverA4xx() {
    String config = JSON_OBSERVATION_CONFIG;
    String deep = "[".repeat(40) + "]".repeat(40);
    for (String body :
        List.of(
            "{\"municipalite\": \"Rimouski\", \"description\": \"Détresse",
            "{\"a\": 1}}",
            "{'a': 1}",
            "{\"a\": 1, \"a\": 2",
            "{\"a\": [" + deep + "]}",
            "not json at all: écrire à jean@example.org")) {
      FormSubmissionService service = service("js", config);
      ReportToReview report = review(service.submit(delivery("js", "application/json", body)));
      assertEquals(List.of("body"), report.problems().stream().map(p -> p.field()).toList(), body);
      assertEquals("forms.body_unreadable", report.problems().get(0).messageKey(), body);
      assertTrue(
          report.answers().stream().anyMatch(a -> a.values().contains(body)),
          body + " kept as received: " + report.answers());
    }
    // bytes that are not UTF-8 and control characters: replaced, the rest kept
    FormSubmissionService service = service("js", config);
    byte[] raw = {'{', '"', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, 0x07, 'x'};
    ReportToReview report =
        review(
            service.submit(
                new FormDelivery(
                    "js",
                    "application/json",
                    raw,
                    h -> Optional.empty(),
                    q -> Optional.empty(),
                    Language.FR)));
    assertEquals(
        List.of(new ReportToReview.ReceivedAnswer("body", List.of("{\"d\":\"\uFFFD( x"))),
        report.answers());
  }
}
