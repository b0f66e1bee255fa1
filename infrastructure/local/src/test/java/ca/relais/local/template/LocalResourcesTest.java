package ca.relais.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Intrinsic functions resolved against resources as the provisioner registers them. */
class LocalResourcesTest {

  private static final String REGION = "ca-central-1";
  private static final String SQS = "http://127.0.0.1:9324/000000000000/";
  private static final String SQS_ARN = "arn:aws:sqs:ca-central-1:000000000000:";
  private static final String STREAM =
      "arn:aws:dynamodb:ddblocal:000000000000:table/Table/stream/2025-01-01T00:00:00.000";

  private static LocalResources resources(SamTemplate template) {
    LocalResources resources = new LocalResources(template, REGION);
    resources.table("Table", "Table", Optional.of(STREAM));
    resources.table("Indexed", "relais-local-indexed", Optional.empty());
    resources.table("Simple", "Simple", Optional.empty());
    for (String name :
        List.of(
            "Queue:Queue.fifo",
            "DeadLetters:DeadLetters.fifo",
            "Ordered:ordered.fifo",
            "Plain:test-plain",
            "Retry:retry",
            "LastResort:LastResort")) {
      String[] idAndName = name.split(":");
      resources.queue(idAndName[0], SQS + idAndName[1], SQS_ARN + idAndName[1]);
    }
    return resources;
  }

  private static final LocalResources PIPELINE = resources(SamTemplateTest.PIPELINE);

  private static Object value(String yaml) {
    return CloudFormationYaml.parse("v: " + yaml).get("v");
  }

  private static String resolve(String yaml) {
    return PIPELINE.resolve(value(yaml));
  }

  @Test
  void refsOfTablesQueuesParametersFunctionsAndOtherResources() {
    assertEquals("Table", resolve("!Ref Table"));
    assertEquals("relais-local-indexed", resolve("!Ref Indexed"));
    assertEquals(SQS + "Queue.fifo", resolve("!Ref Queue"));
    assertEquals("test", resolve("!Ref Stage"));
    assertEquals("2", resolve("!Ref VisibilitySeconds"));
    assertEquals("QueueFunction", resolve("!Ref QueueFunction"));
    assertEquals("Alarm", resolve("!Ref Alarm"));
  }

  @Test
  void pseudoParameters() {
    assertEquals("ca-central-1", resolve("!Ref AWS::Region"));
    assertEquals("000000000000", resolve("!Ref AWS::AccountId"));
    assertEquals("relais-local", resolve("!Ref AWS::StackName"));
    assertEquals("aws", resolve("!Ref AWS::Partition"));
    assertEquals("amazonaws.com", resolve("!Ref AWS::URLSuffix"));
  }

  @Test
  void getAttOfTablesQueuesAndFunctions_inEveryForm() {
    assertEquals(
        "arn:aws:dynamodb:ca-central-1:000000000000:table/Table", resolve("!GetAtt Table.Arn"));
    assertEquals(STREAM, resolve("!GetAtt Table.StreamArn"));
    assertEquals(STREAM, resolve("!GetAtt [Table, StreamArn]"));
    assertEquals(STREAM, resolve("{'Fn::GetAtt': Table.StreamArn}"));
    assertEquals(SQS_ARN + "Queue.fifo", resolve("!GetAtt Queue.Arn"));
    assertEquals("Queue.fifo", resolve("!GetAtt Queue.QueueName"));
    assertEquals(SQS + "retry", resolve("!GetAtt Retry.QueueUrl"));
    assertEquals(
        "arn:aws:lambda:ca-central-1:000000000000:function:QueueFunction",
        resolve("!GetAtt QueueFunction.Arn"));
    assertEquals("DeadLetters.fifo", PIPELINE.queueName("DeadLetters"));
  }

  @Test
  void sub_variablesAttributesPseudoParametersAndEscapes() {
    assertEquals(
        "ca-central-1/Table/Queue.fifo",
        resolve("!Sub '${AWS::Region}/${Table}/${Queue.QueueName}'"));
    assertEquals(
        "arn:aws:dynamodb:ca-central-1:000000000000:table/relais-local-indexed/index/ByKind",
        resolve("!Sub '${Indexed.Arn}/index/ByKind'"));
    assertEquals("${Literal}-test", resolve("!Sub '${!Literal}-${Stage}'"));
    assertEquals(
        "test@ca-central-1/" + SQS_ARN + "DeadLetters.fifo",
        resolve(
            "!Sub ['${Name}@${AWS::Region}/${Arn}', {Name: !Ref Stage, Arn: !GetAtt DeadLetters.Arn}]"));
    assertEquals("no variables", resolve("!Sub 'no variables'"));
  }

  @Test
  void intrinsicsTheTemplateDoesNotUse_areRefusedByName() {
    assertRefused("!Join ['-', [a, !Ref Stage]]", "Fn::Join", "not supported by the local stack");
    assertRefused("!If [IsProd, a, b]", "IsProd", "not in the template's Conditions");
    assertRefused("!Select [1, [a, b]]", "Fn::Select");
    assertRefused("!Split [',', 'a,b']", "Fn::Split");
    assertRefused("!FindInMap [StageSettings, test, Sender]", "Fn::FindInMap");
    assertRefused("!GetAZs ''", "Fn::GetAZs");
    assertRefused("!Base64 relais", "Fn::Base64");
    assertRefused("!ImportValue Shared", "Fn::ImportValue");
    assertRefused("!Condition IsProd", "Condition");
    assertRefused("!Length [a]", "Fn::Length");
    assertRefused("!Ref AWS::NoValue", "AWS::NoValue", "pseudo parameter");
    assertRefused("!Ref AWS::StackId", "AWS::StackId");
    assertRefused("!Ref Zones", "Zones", "list");
    assertRefused("!Sub '${Zones}'", "Zones", "list");
  }

  @Test
  void ifOnTheTemplatesConditions_equalsAndNot_andOtherConditionFunctionsRefused() {
    SamTemplate template =
        SamTemplate.of(
            CloudFormationYaml.parse(
                String.join(
                    "\n",
                    "Parameters:",
                    "  BaseUrl: {Type: String, Default: ''}",
                    "Conditions:",
                    "  HasBaseUrl: !Not [!Equals [!Ref BaseUrl, '']]",
                    "  NoBaseUrl: !Not [!Condition HasBaseUrl]",
                    "  Both: !And [!Condition HasBaseUrl, !Condition NoBaseUrl]",
                    "Resources:",
                    "  Topic: {Type: AWS::SNS::Topic}")));
    LocalResources given =
        new LocalResources(template.withParameterValues(Map.of("BaseUrl", "https://x")), REGION);
    LocalResources empty = new LocalResources(template, REGION);
    String expression = "!If [HasBaseUrl, !Ref BaseUrl, !Sub 'https://api.${AWS::URLSuffix}']";
    assertEquals("https://x", given.resolve(value(expression)));
    assertEquals("https://api.amazonaws.com", empty.resolve(value(expression)));
    assertEquals("yes", empty.resolve(value("!If [NoBaseUrl, 'yes', 'no']")));
    IllegalArgumentException and =
        assertThrows(
            IllegalArgumentException.class, () -> empty.resolve(value("!If [Both, a, b]")));
    assertTrue(and.getMessage().contains("Fn::And"), and.getMessage());
  }

  @Test
  void environmentOfAFunction_everyVariableResolved() {
    Map<String, String> env =
        PIPELINE.environmentOf(SamTemplateTest.PIPELINE.functions().get("EverythingFunction"));
    assertEquals("from-function", env.get("SHARED"));
    assertEquals("globals", env.get("OVERRIDDEN"));
    assertEquals("${Literal}-000000000000-aws-amazonaws.com", env.get("ESCAPED"));
    assertEquals("test@ca-central-1/" + SQS_ARN + "DeadLetters.fifo", env.get("MAPPED"));
    assertEquals("relais-local", env.get("STACK"));
    assertEquals("/aws/lambda/StreamFunction", env.get("LOG_GROUP"));
    assertEquals("Simple", env.get("SIMPLE_TABLE"));
    assertEquals(STREAM, env.get("STREAM"));
    assertEquals(SQS + "test-plain", env.get("PLAIN_URL"));
    assertEquals("test-plain", env.get("PLAIN_NAME"));
    assertEquals("Alarm", env.get("ALARM"));
    assertEquals("42", env.get("NUMBER"));
    assertEquals("true", env.get("FLAG"));
    assertEquals(
        List.of("SHARED", "OVERRIDDEN", "ESCAPED", "MAPPED"),
        List.copyOf(env.keySet()).subList(0, 4),
        "template order, Globals first");
  }

  @Test
  void unresolvableExpressionsNameTheLogicalIdAndTheExpression() {
    assertRefused("!Ref Nope", "Nope", "!Ref Nope");
    assertRefused("!GetAtt Nope.Arn", "Nope", "!GetAtt Nope.Arn");
    assertRefused("!GetAtt Table.Endpoint", "Table", "Endpoint");
    assertRefused("!GetAtt Indexed.StreamArn", "Indexed", "no stream");
    assertRefused("!GetAtt Alarm.Arn", "Alarm", "!GetAtt Alarm.Arn");
    assertRefused("!Ref Unset", "Unset", "no Default");
    assertRefused("!Sub '${Nope.Arn}'", "Nope", "!Sub ${Nope.Arn}");
    assertRefused("{Key: value}", "mapping", "Key");
  }

  @Test
  void tablesAndQueuesNotProvisionedAreNamed() {
    LocalResources none = new LocalResources(SamTemplateTest.PIPELINE, REGION);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> none.resolve(value("!Ref Queue")));
    assertTrue(
        e.getMessage().contains("Queue (AWS::SQS::Queue) has not been provisioned"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> none.tableName("Table"));
    assertThrows(IllegalArgumentException.class, () -> none.queueUrl("Queue"));
    assertThrows(IllegalArgumentException.class, () -> none.queueArn("Queue"));
    assertThrows(IllegalArgumentException.class, () -> none.streamArn("Table"));
  }

  @Test
  void environmentErrorsNameTheFunctionAndTheVariable() {
    FunctionDef function =
        new FunctionDef(
            "BrokenFunction",
            "a.B",
            "handleRequest",
            Optional.empty(),
            3,
            Map.of("QUEUE", Map.of("Ref", "Missing")),
            List.of());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PIPELINE.environmentOf(function));
    assertTrue(e.getMessage().contains("BrokenFunction"), e.getMessage());
    assertTrue(e.getMessage().contains("QUEUE"), e.getMessage());
    assertTrue(e.getMessage().contains("!Ref Missing"), e.getMessage());
  }

  private static void assertRefused(String yaml, String... expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve(yaml));
    for (String part : expected) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
    }
  }
}
