package ca.relais.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    assertTrue(resolve("!Ref AWS::StackId").startsWith("arn:aws:cloudformation:ca-central-1:"));
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
  void joinSelectSplitFindInMapGetAzsAndBase64() {
    assertEquals("a-test-2", resolve("!Join ['-', [a, !Ref Stage, !Ref VisibilitySeconds]]"));
    assertEquals("a+b+c", resolve("!Join ['+', !Split [',', 'a,b,c']]"));
    assertEquals("b", resolve("!Select [1, !Split [',', 'a,b,c']]"));
    assertEquals("west", resolve("!Select ['1', !Ref Zones]"));
    assertEquals("ca-central-1a", resolve("!Select [0, !GetAZs '']"));
    assertEquals("test@example.org", resolve("!FindInMap [StageSettings, !Ref Stage, Sender]"));
    assertEquals("cmVsYWlz", resolve("!Base64 relais"));
    assertEquals("x", resolve("!Join ['', [!If [IsProd, !Ref 'AWS::NoValue', x]]]"));
  }

  @Test
  void ifWithConditionsOnParameters_equalsNotAndOr() {
    assertEquals("test-value", resolve("!If [IsProd, prod-value, test-value]"));
    assertEquals("not-prod", resolve("!If [NotProd, not-prod, prod]"));
    assertEquals("canada", resolve("!If [TestInCanada, canada, elsewhere]"));
    assertEquals("neither", resolve("!If [ProdOrQa, prod-or-qa, neither]"));
    LocalResources prod =
        resources(SamTemplateTest.PIPELINE.withParameterValues(Map.of("Stage", "prod")));
    assertEquals("prod-value", prod.resolve(value("!If [IsProd, prod-value, test-value]")));
    assertEquals("prod", prod.resolve(value("!If [NotProd, not-prod, prod]")));
    assertEquals("elsewhere", prod.resolve(value("!If [TestInCanada, canada, elsewhere]")));
    assertEquals("prod-or-qa", prod.resolve(value("!If [ProdOrQa, prod-or-qa, neither]")));
    LocalResources qa =
        resources(SamTemplateTest.PIPELINE.withParameterValues(Map.of("Stage", "qa")));
    assertEquals("prod-or-qa", qa.resolve(value("!If [ProdOrQa, prod-or-qa, neither]")));
  }

  @Test
  void environmentOfAFunction_everyVariableResolved_noValueLeftOut() {
    Map<String, String> env =
        PIPELINE.environmentOf(SamTemplateTest.PIPELINE.functions().get("EverythingFunction"));
    assertEquals("from-function", env.get("SHARED"));
    assertEquals("globals", env.get("OVERRIDDEN"));
    assertEquals("test@example.org", env.get("SENDER"));
    assertEquals("b", env.get("SECOND"));
    assertEquals("east", env.get("FIRST_ZONE"));
    assertEquals("ca-central-1a", env.get("FIRST_AZ"));
    assertEquals("cmVsYWlz", env.get("ENCODED"));
    assertEquals("${Literal}-000000000000-aws-amazonaws.com", env.get("ESCAPED"));
    assertEquals("test@ca-central-1/" + SQS_ARN + "DeadLetters.fifo", env.get("MAPPED"));
    assertEquals("relais-local", env.get("STACK"));
    assertEquals("/aws/lambda/StreamFunction", env.get("LOG_GROUP"));
    assertFalse(env.containsKey("ONLY_IN_PROD"), "AWS::NoValue leaves the variable out");
    assertEquals("Simple", env.get("SIMPLE_TABLE"));
    assertEquals(STREAM, env.get("STREAM"));
    assertEquals(SQS + "test-plain", env.get("PLAIN_URL"));
    assertEquals("test-plain", env.get("PLAIN_NAME"));
    assertEquals("Alarm", env.get("ALARM"));
    assertEquals("42", env.get("NUMBER"));
    assertEquals("true", env.get("FLAG"));
    assertEquals(
        List.of("SHARED", "OVERRIDDEN", "SENDER", "SECOND"),
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
    assertRefused("!ImportValue Shared", "ImportValue", "!ImportValue Shared");
    assertRefused("!If [Nope, a, b]", "Nope", "condition");
    assertRefused("!Select [5, [a, b]]", "5", "!Select");
    assertRefused("!FindInMap [StageSettings, qa, Sender]", "qa", "StageSettings");
    assertRefused("!Split [',', 'a,b']", "list", "!Split");
    assertRefused("!Ref AWS::NoValue", "NoValue", "!Ref AWS::NoValue");
    assertRefused("{Key: value}", "mapping", "Key");
    assertRefused("!Length [a]", "Fn::Length", "!Length");
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

  @Test
  void conditionsThatDependOnThemselvesAreRefused() {
    SamTemplate loop =
        SamTemplate.of(
            CloudFormationYaml.parse(
                """
                Conditions:
                  A: !Not [!Condition B]
                  B: !Not [!Condition A]
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties: {KeySchema: [{AttributeName: k, KeyType: HASH}]}
                """));
    LocalResources resources = new LocalResources(loop, REGION);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> resources.resolve(value("!If [A, x, y]")));
    assertTrue(e.getMessage().contains("depends on itself"), e.getMessage());
  }

  private static void assertRefused(String yaml, String... expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve(yaml));
    for (String part : expected) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
    }
  }
}
