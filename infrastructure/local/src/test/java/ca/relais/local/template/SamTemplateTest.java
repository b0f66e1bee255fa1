package ca.relais.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.RepositoryRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

  private static SamTemplate fixture() throws Exception {
    return SamTemplate.load(
        Path.of(SamTemplateTest.class.getResource("/template/pipeline.yaml").toURI()));
  }

  @Test
  void readsTheProjectTemplate_intakeRoutesTableAndEnvironment() {
    SamTemplate template = SamTemplate.load(RepositoryRoot.template());
    FunctionDef intake = template.functions().get("IntakeFunction");
    assertEquals("ca.relais.intake.IntakeHandler", intake.handlerClass());
    assertEquals("handleRequest", intake.handlerMethod());
    assertTrue(intake.events().contains(new HttpApiEvent("PostSignup", "POST", "/signups")));
    assertTrue(
        intake.events().contains(new HttpApiEvent("PostObservation", "POST", "/observations")));
    TableDef table = template.tables().get("RelaisTable");
    assertEquals(Optional.of("NEW_IMAGE"), table.streamViewType());
    assertEquals(Optional.of("expiresAt"), table.ttlAttribute());
    assertEquals("ByMrcTime", table.globalIndexes().get(0).name());
    assertEquals(Map.of("Ref", "RelaisTable"), intake.environment().get("TABLE_NAME"));
  }

  @Test
  void appliesGlobalsAndReadsEveryEventSource() throws Exception {
    SamTemplate template = fixture();
    FunctionDef stream = template.functions().get("StreamFunction");
    assertEquals(7, stream.timeoutSeconds());
    assertEquals("from-globals", stream.environment().get("SHARED"));
    assertEquals("function", stream.environment().get("OVERRIDDEN"));
    DynamoDbStreamEvent mapping = (DynamoDbStreamEvent) stream.events().get(0);
    assertEquals("Table", mapping.tableLogicalId());
    assertEquals(5, mapping.batchSize());
    assertTrue(mapping.reportBatchItemFailures());
    assertTrue(mapping.bisectBatchOnFunctionError());
    assertEquals(2, mapping.maximumRetryAttempts());
    assertEquals(List.of("INSERT"), mapping.filterPatterns().get(0).get("eventName"));
    FunctionDef queue = template.functions().get("QueueFunction");
    assertEquals("handleRequest", queue.handlerMethod());
    assertEquals(new SqsEvent("Messages", "Queue", 10, true), queue.events().get(0));
    ScheduleEvent weekly = (ScheduleEvent) queue.events().get(1);
    assertEquals("cron(0 8 ? * MON *)", weekly.scheduleExpression());
    assertEquals(Optional.of("America/Toronto"), weekly.timezone());
    QueueDef fifo = template.queues().get("Queue");
    assertTrue(fifo.fifo());
    assertEquals(2, fifo.visibilityTimeoutSeconds());
    assertEquals(new QueueDef.Redrive("DeadLetters", 3), fifo.redrive().orElseThrow());
    assertEquals("Queue.fifo", fifo.localName());
  }

  @Test
  void refusesTemplatesThatAreNotTemplates() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SamTemplate.from(CloudFormationYaml.parse("Resources: {}")));
    assertThrows(IllegalArgumentException.class, () -> CloudFormationYaml.parse("- a list"));
    assertThrows(RuntimeException.class, () -> CloudFormationYaml.parse("a: 1\na: 2"));
  }
}
