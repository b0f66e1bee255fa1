package ca.relais.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

  static final SamTemplate PROJECT = SamTemplate.load(TemplateFiles.projectTemplate());
  static final SamTemplate PIPELINE = SamTemplate.load(TemplateFiles.pipeline());

  private static SamTemplate parse(String yaml) {
    return SamTemplate.of(CloudFormationYaml.parse(yaml));
  }

  // --- the project's template.yaml ---

  @Test
  void projectTemplate_intakeFunctionHasItsHandlerAndItsRoutes() {
    FunctionDef intake = PROJECT.functions().get("IntakeFunction");
    assertEquals("ca.relais.intake.IntakeHandler", intake.handlerClass());
    assertEquals("handleRequest", intake.handlerMethod());
    assertEquals(Optional.of("functions/intake/target/relais-intake.jar"), intake.codeUri());
    assertEquals(10, intake.timeoutSeconds(), "Globals.Function.Timeout");
    assertEquals(
        List.of(
            new HttpApiEvent("PostSignup", "POST", "/signups"),
            new HttpApiEvent("PostObservation", "POST", "/observations"),
            new HttpApiEvent("GetThankYouPage", "GET", "/merci"),
            new HttpApiEvent("GetLandingPage", "GET", "/"),
            new HttpApiEvent("GetSignUpForm", "GET", "/inscription"),
            new HttpApiEvent("PostSignUpForm", "POST", "/inscription"),
            new HttpApiEvent("GetObservationForm", "GET", "/signalement"),
            new HttpApiEvent("PostObservationForm", "POST", "/signalement"),
            new HttpApiEvent("PostForm", "POST", "/forms/{formId}")),
        intake.events());
  }

  @Test
  void projectTemplate_intakeEnvironmentGetsTheTableName() {
    FunctionDef intake = PROJECT.functions().get("IntakeFunction");
    assertEquals(Map.of("Ref", "RelaisTable"), intake.environment().get("TABLE_NAME"));
    assertEquals(
        "-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
        intake.environment().get("JAVA_TOOL_OPTIONS"),
        "Globals' variables merged in");
    LocalResources resources = new LocalResources(PROJECT.withLocalSecrets(), "ca-central-1");
    resources.table("RelaisTable", "RelaisTable", Optional.of("arn:stream"));
    Map<String, String> environment = resources.environmentOf(intake);
    assertTrue(
        environment.get("FORM_TOKEN_SECRET").matches("[0-9a-f]{64}"),
        "a random local secret for the NoEcho parameter without default");
    assertEquals("3", environment.get("FORM_MIN_FILL_SECONDS"));
    assertEquals("1440", environment.get("FORM_TOKEN_MAX_AGE_MINUTES"));
    assertEquals("RelaisTable", environment.get("TABLE_NAME"));
    assertEquals("1095", environment.get("SIGNUP_RETENTION_DAYS"));
    assertEquals("730", environment.get("OBSERVATION_RETENTION_DAYS"));
    assertEquals("32768", environment.get("MAX_BODY_BYTES"));
  }

  @Test
  void localSecrets_onlyNoEchoParametersWithoutValueGetARandomValue_freshEachTime() {
    assertEquals(Optional.empty(), PROJECT.parameters().get("FormTokenSecret").defaultValue());
    String first =
        PROJECT.withLocalSecrets().parameters().get("FormTokenSecret").defaultValue().orElseThrow();
    String second =
        PROJECT.withLocalSecrets().parameters().get("FormTokenSecret").defaultValue().orElseThrow();
    assertTrue(first.matches("[0-9a-f]{64}"), first);
    assertNotEquals(first, second);
    assertEquals(
        Optional.of("given-secret-of-at-least-32-chars!"),
        PROJECT
            .withParameterValues(Map.of("FormTokenSecret", "given-secret-of-at-least-32-chars!"))
            .withLocalSecrets()
            .parameters()
            .get("FormTokenSecret")
            .defaultValue());
    assertEquals(
        Optional.of("3"),
        PROJECT.withLocalSecrets().parameters().get("FormMinFillSeconds").defaultValue());
    assertEquals(
        Optional.empty(),
        PIPELINE.withLocalSecrets().parameters().get("Unset").defaultValue(),
        "a parameter without NoEcho is left without a value");
  }

  @Test
  void projectTemplate_tableHasItsKeysIndexStreamAndTtl() {
    TableDef table = PROJECT.tables().get("RelaisTable");
    assertEquals(Optional.empty(), table.tableName());
    assertEquals(List.of(new KeyDef("pk", "HASH"), new KeyDef("sk", "RANGE")), table.keySchema());
    assertEquals(
        List.of(
            new AttrDef("pk", "S"),
            new AttrDef("sk", "S"),
            new AttrDef("gsi1pk", "S"),
            new AttrDef("gsi1sk", "S"),
            new AttrDef("openPk", "S"),
            new AttrDef("dueSk", "S")),
        table.attributes());
    assertEquals(
        List.of(
            new IndexDef(
                "ByMrcTime",
                List.of(new KeyDef("gsi1pk", "HASH"), new KeyDef("gsi1sk", "RANGE")),
                "INCLUDE"),
            new IndexDef(
                "OpenByDue",
                List.of(new KeyDef("openPk", "HASH"), new KeyDef("dueSk", "RANGE")),
                "KEYS_ONLY")),
        table.globalIndexes());
    assertEquals(Optional.of("KEYS_ONLY"), table.streamViewType());
    assertEquals(Optional.of("expiresAt"), table.ttlAttribute());
  }

  @Test
  void projectTemplate_streamQueueAndScheduleOfThePipeline() {
    assertEquals(
        List.of(
            new DynamoDbStreamEvent(
                "NewSubmissions",
                "RelaisTable",
                25,
                "TRIM_HORIZON",
                true,
                10,
                true,
                List.of(
                    Map.of(
                        "eventName",
                        List.of("INSERT"),
                        "dynamodb",
                        Map.of("Keys", Map.of("sk", Map.of("S", List.of("SUBMISSION")))))),
                0,
                Optional.of("StreamFailureQueue"))),
        PROJECT.functions().get("DispatchFunction").events());
    assertEquals(
        List.of(new SqsEvent("Alerts", "AlertQueue", 10, true, 0)),
        PROJECT.functions().get("NotifyFunction").events());
    FunctionDef digest = PROJECT.functions().get("DigestFunction");
    assertEquals(300, digest.timeoutSeconds());
    assertEquals(
        List.of(
            new ScheduleEvent(
                "Weekly",
                "cron(0 8 ? * MON *)",
                Optional.of("America/Toronto"),
                Optional.of("{\"week\": \"previous\"}"))),
        digest.events());
    assertEquals("java21", PROJECT.functionProperties("DigestFunction").get("Runtime"));
    assertEquals(1024, PROJECT.functionProperties("DigestFunction").get("MemorySize"));
  }

  @Test
  void projectTemplate_alertQueueIsFifoWithItsDeadLetterQueue() {
    QueueDef alerts = PROJECT.queues().get("AlertQueue");
    assertEquals(
        new QueueDef(
            "AlertQueue",
            Optional.empty(),
            true,
            false,
            60,
            1_209_600,
            Optional.of(new Redrive("AlertDeadLetterQueue", 5))),
        alerts);
    assertEquals("AlertQueue.fifo", alerts.localName());
    assertEquals(
        "AlertDeadLetterQueue.fifo", PROJECT.queues().get("AlertDeadLetterQueue").localName());
    assertEquals("StreamFailureQueue", PROJECT.queues().get("StreamFailureQueue").localName());
    assertEquals(
        List.of("AlertQueue", "AlertDeadLetterQueue", "StreamFailureQueue", "DigestFailureQueue"),
        List.copyOf(PROJECT.queues().keySet()));
  }

  @Test
  void projectTemplate_awsOnlyResourcesAreLeftOut() {
    assertEquals(
        List.of(
            "IntakeFunction",
            "DispatchFunction",
            "NotifyFunction",
            "AcknowledgeFunction",
            "EscalateFunction",
            "DigestFunction",
            "DeliveryEventsFunction"),
        List.copyOf(PROJECT.functions().keySet()));
    assertEquals(List.of(), PROJECT.functions().get("DeliveryEventsFunction").events());
    assertEquals("AWS::SNS::Topic", PROJECT.resourceType("DeliveryEventsTopic"));
    assertEquals(List.of("RelaisTable"), List.copyOf(PROJECT.tables().keySet()));
    assertEquals("AWS::CloudWatch::Alarm", PROJECT.resourceType("AlertDeadLetterAlarm"));
  }

  // --- the test template: every form the local stack reads ---

  @Test
  void parametersHaveTheirTypesAndDefaultsAsText() {
    assertEquals(
        new ParameterDef("VisibilitySeconds", "Number", Optional.of("2")),
        PIPELINE.parameters().get("VisibilitySeconds"));
    assertEquals(
        new ParameterDef("Zones", "CommaDelimitedList", Optional.of("east,west")),
        PIPELINE.parameters().get("Zones"));
    assertEquals(
        new ParameterDef("Unset", "String", Optional.empty()), PIPELINE.parameters().get("Unset"));
  }

  @Test
  void globalsApply_theFunctionWinsAndEnvironmentsMerge() {
    FunctionDef stream = PIPELINE.functions().get("StreamFunction");
    assertEquals(7, stream.timeoutSeconds());
    assertEquals("from-globals", stream.environment().get("SHARED"));
    assertEquals("function", stream.environment().get("OVERRIDDEN"));
    assertEquals(
        List.of("SHARED", "OVERRIDDEN", "QUEUE_URL", "TABLE", "TABLE_ARN", "SUBBED"),
        List.copyOf(stream.environment().keySet()));
    FunctionDef everything = PIPELINE.functions().get("EverythingFunction");
    assertEquals(12, everything.timeoutSeconds(), "Timeout: !Ref FunctionTimeout");
    assertEquals("from-function", everything.environment().get("SHARED"));
    assertEquals("globals", everything.environment().get("OVERRIDDEN"));
    Map<String, Object> properties = PIPELINE.functionProperties("EverythingFunction");
    assertEquals("java21", properties.get("Runtime"));
    assertEquals(2048, properties.get("MemorySize"));
    assertEquals(List.of("arm64"), properties.get("Architectures"));
    assertEquals(List.of("global-layer", "own-layer"), properties.get("Layers"));
    assertEquals(512, PIPELINE.functionProperties("StreamFunction").get("MemorySize"));
  }

  @Test
  void handlerWithoutMethodCallsHandleRequest() {
    FunctionDef queue = PIPELINE.functions().get("QueueFunction");
    assertEquals("ca.relais.local.events.RecordingSqsHandler", queue.handlerClass());
    assertEquals("handleRequest", queue.handlerMethod());
    FunctionDef everything = PIPELINE.functions().get("EverythingFunction");
    assertEquals("ca.example.Everything", everything.handlerClass());
    assertEquals("handle", everything.handlerMethod());
  }

  @Test
  void streamEventWithFilterCriteriaAndPartialBatchResponses() {
    DynamoDbStreamEvent stream =
        (DynamoDbStreamEvent) PIPELINE.functions().get("StreamFunction").events().get(0);
    assertEquals(
        new DynamoDbStreamEvent(
            "Stream",
            "Table",
            5,
            "TRIM_HORIZON",
            true,
            2,
            true,
            List.of(
                Map.of(
                    "eventName",
                    List.of("INSERT"),
                    "dynamodb",
                    Map.of("NewImage", Map.of("kind", Map.of("S", List.of("KEEP")))))),
            0,
            Optional.empty()),
        stream);
  }

  @Test
  void streamEventDefaults_batchingWindow_andOnFailureDestination() {
    DynamoDbStreamEvent inserts = (DynamoDbStreamEvent) event("EverythingFunction", "Inserts");
    assertEquals(
        new DynamoDbStreamEvent(
            "Inserts",
            "Table",
            100,
            "LATEST",
            false,
            -1,
            false,
            List.of(),
            2,
            Optional.of("Plain")),
        inserts);
  }

  @Test
  void sqsEvents() {
    assertEquals(
        new SqsEvent("Messages", "Queue", 10, true, 0),
        PIPELINE.functions().get("QueueFunction").events().get(0));
    assertEquals(
        new SqsEvent("PlainMessages", "Plain", 10, false, 3),
        event("EverythingFunction", "PlainMessages"));
  }

  @Test
  void scheduleEvents_v2WithTimezoneAndInput_andV1WithInputAsYaml() {
    assertEquals(
        new ScheduleEvent(
            "Weekly",
            "cron(0 8 ? * MON *)",
            Optional.of("America/Toronto"),
            Optional.of("{\"week\": \"previous\"}")),
        event("QueueFunction", "Weekly"));
    assertEquals(
        new ScheduleEvent(
            "Hourly",
            "rate(1 hour)",
            Optional.empty(),
            Optional.of("{\"kind\":\"hourly\",\"count\":1}")),
        event("EverythingFunction", "Hourly"));
  }

  @Test
  void httpApiEvents_pathParameters_anyMethod_andTheDefaultRoute_restApiEventsLeftOut() {
    assertEquals(
        List.of(
            new HttpApiEvent("GetForm", "GET", "/forms/{formId}"),
            new HttpApiEvent("AnyFile", "ANY", "/files/{proxy+}"),
            new HttpApiEvent("Default", "ANY", "/{proxy+}")),
        PIPELINE.functions().get("EverythingFunction").events().stream()
            .filter(HttpApiEvent.class::isInstance)
            .toList());
    assertTrue(
        PIPELINE.functions().get("EverythingFunction").events().stream()
            .noneMatch(e -> e.name().equals("RestRoute")));
  }

  @Test
  void tables_indexesBillingAndNamesGivenAsExpressions() {
    TableDef indexed = PIPELINE.tables().get("Indexed");
    assertEquals(Optional.empty(), indexed.tableName(), "!Sub: resolved when provisioning");
    assertEquals(
        List.of(new IndexDef("ByKind", List.of(new KeyDef("kind", "HASH")), "INCLUDE")),
        indexed.globalIndexes());
    assertEquals(Optional.empty(), indexed.ttlAttribute(), "TTL disabled");
    assertEquals(Optional.empty(), indexed.streamViewType());
  }

  @Test
  void simpleTable_primaryKeyBecomesAHashKey() {
    assertEquals(
        new TableDef(
            "Simple",
            Optional.empty(),
            List.of(new AttrDef("code", "N")),
            List.of(new KeyDef("code", "HASH")),
            List.of(),
            Optional.empty(),
            Optional.empty()),
        PIPELINE.tables().get("Simple"));
    TableDef byDefault =
        parse("Resources: {T: {Type: 'AWS::Serverless::SimpleTable', Properties: {TableName: t}}}")
            .tables()
            .get("T");
    assertEquals(List.of(new AttrDef("id", "S")), byDefault.attributes());
    assertEquals(Optional.of("t"), byDefault.tableName());
  }

  @Test
  void queues_fifoRedriveAndNumbersFromParameters() {
    assertEquals(
        new QueueDef(
            "Queue",
            Optional.empty(),
            true,
            false,
            2,
            345_600,
            Optional.of(new Redrive("DeadLetters", 3))),
        PIPELINE.queues().get("Queue"));
    assertEquals("Queue.fifo", PIPELINE.queues().get("Queue").localName());
    QueueDef ordered = PIPELINE.queues().get("Ordered");
    assertTrue(ordered.fifo());
    assertTrue(ordered.contentBasedDeduplication());
    assertEquals("ordered.fifo", ordered.localName());
    QueueDef plain = PIPELINE.queues().get("Plain");
    assertEquals(Optional.empty(), plain.queueName(), "!Sub: resolved when provisioning");
    assertEquals(86_400, plain.messageRetentionSeconds());
    assertEquals(Optional.of(new Redrive("Retry", 4)), plain.redrive());
    assertEquals(
        Optional.of(new Redrive("LastResort", 2)), PIPELINE.queues().get("Retry").redrive());
    assertEquals("retry", PIPELINE.queues().get("Retry").localName());
    assertEquals(30, PIPELINE.queues().get("LastResort").visibilityTimeoutSeconds());
  }

  @Test
  void parameterValuesReplaceDefaults_andResourcesAreReadAgain() {
    SamTemplate given =
        PIPELINE.withParameterValues(Map.of("VisibilitySeconds", "9", "FunctionTimeout", "20"));
    assertEquals(9, given.queues().get("Queue").visibilityTimeoutSeconds());
    assertEquals(20, given.functions().get("EverythingFunction").timeoutSeconds());
    assertEquals(Optional.of("9"), given.parameters().get("VisibilitySeconds").defaultValue());
    assertEquals(2, PIPELINE.queues().get("Queue").visibilityTimeoutSeconds(), "unchanged");
    assertSame(PIPELINE, PIPELINE.withParameterValues(Map.of()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PIPELINE.withParameterValues(Map.of("Nope", "1")));
    assertTrue(e.getMessage().contains("Nope"), e.getMessage());
  }

  @Test
  void parameterValuesKeepASubsetTemplateASubset() {
    SamTemplate tablesOnly =
        new SamTemplate(
            PIPELINE.parameters(), Map.of(), PIPELINE.tables(), Map.of(), PIPELINE.raw());
    SamTemplate given = tablesOnly.withParameterValues(Map.of("Stage", "qa"));
    assertEquals(PIPELINE.tables().keySet(), given.tables().keySet());
    assertTrue(given.queues().isEmpty());
    assertTrue(given.functions().isEmpty());
  }

  @Test
  void loadWithParameterValues() throws Exception {
    SamTemplate given =
        SamTemplate.load(TemplateFiles.pipeline(), Map.of("VisibilitySeconds", "5"));
    assertEquals(5, given.queues().get("Queue").visibilityTimeoutSeconds());
  }

  @Test
  void refusesTemplatesItCannotRun() {
    assertRefused("Resources: {}", "no Resources");
    assertRefused("Description: x", "no Resources");
    assertRefused(
        "Resources: {F: {Type: 'AWS::Serverless::Function', Properties: {CodeUri: x}}}",
        "F.Handler");
    assertRefused(
        """
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B
              Events:
                S: {Type: DynamoDB, Properties: {Stream: 'arn:aws:dynamodb:x'}}
        """,
        "F.Events.S.Properties.Stream");
    assertRefused(
        """
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B
              Events:
                Q: {Type: SQS, Properties: {Queue: !GetAtt Q.QueueName}}
        """,
        "F.Events.Q.Properties.Queue");
    assertRefused(
        """
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B
              Events:
                S:
                  Type: DynamoDB
                  Properties:
                    Stream: !GetAtt T.StreamArn
                    FilterCriteria: {Filters: [{Pattern: 'not json'}]}
        """,
        "not json");
    assertRefused(
        """
        Parameters: {T: {Type: Number}}
        Resources:
          F: {Type: 'AWS::Serverless::Function', Properties: {Handler: a.B, Timeout: !Ref T}}
        """,
        "parameter T has no Default");
    assertRefused(
        "Resources: {Q: {Type: 'AWS::SQS::Queue', Properties: {VisibilityTimeout: soon}}}",
        "Q.Properties.VisibilityTimeout");
    assertRefused(
        "Resources: {Q: {Type: 'AWS::SQS::Queue', Properties: {FifoQueue: maybe}}}",
        "Q.Properties.FifoQueue");
    assertRefused(
        "Resources: {Q: {Type: 'AWS::SQS::Queue', Properties: {RedrivePolicy: '{\"a\": 1}'}}}",
        "Q.Properties.RedrivePolicy");
    assertRefused(
        """
        Resources:
          Q:
            Type: AWS::SQS::Queue
            Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt D.Arn}}
        """,
        "maxReceiveCount");
    assertRefused(
        "Resources: {T: {Type: 'AWS::DynamoDB::Table', Properties: {}}}", "T.Properties.KeySchema");
  }

  @Test
  void loadNamesTheFileOfAnError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad-template.yaml");
    Files.writeString(file, "Resources: {T: {Type: 'AWS::DynamoDB::Table'}}\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SamTemplate.load(file));
    assertTrue(e.getMessage().contains("bad-template.yaml"), e.getMessage());
    assertTrue(e.getMessage().contains("T.Properties.KeySchema"), e.getMessage());
  }

  @Test
  void functionPropertiesOnlyForFunctions() {
    assertThrows(IllegalArgumentException.class, () -> PIPELINE.functionProperties("Table"));
    assertEquals(7, PIPELINE.functionProperties("QueueFunction").get("Timeout"));
  }

  private static EventSourceDef event(String function, String name) {
    return PIPELINE.functions().get(function).events().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static void assertRefused(String yaml, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(yaml));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
