package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.local.RepositoryRoot;
import ca.relais.local.template.FunctionDef;
import ca.relais.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each function's shaded jar (its template {@code CodeUri}) stays within its size budget: a larger
 * jar is a slower cold start (Lambda downloads and opens it) and usually a library the function
 * never loads. Budgets in MiB (1,048,576 bytes). A function of the template without a budget here
 * fails too: give it one.
 */
class FunctionJarSizesIT {

  /**
   * Issue 12's targets: 8 MiB for intake and dispatch, 10 for the others. Each budget sits about
   * 0.1–0.25 MiB above the size reached (2026-12-01) (README "Benchmark"), so that a library or SDK
   * model that creeps back in fails here: the two API functions read their event as a stream with
   * jackson-jr (no databind, no Lambda event classes, no joda-time) and intake keeps only the
   * commons-io its multipart parser reaches; dispatch and notify read their events as maps; the SES
   * v2 and SQS models hold only the operations Relais calls.
   */
  private static final Map<String, Double> BUDGET_MIB =
      Map.of(
          "IntakeFunction", 7.5,
          "DispatchFunction", 6.35,
          // notify carries three SDK services (DynamoDB, SES v2, SQS for poison messages) and
          // libphonenumber (agents read numbers as dialled)
          "NotifyFunction", 7.55,
          "AcknowledgeFunction", 6.65,
          "EscalateFunction", 7.1,
          "DigestFunction", 6.75,
          "DeliveryEventsFunction", 7.2);

  @Test
  void everyFunctionJarStaysWithinItsBudget() throws IOException {
    SamTemplate template = SamTemplate.load(RepositoryRoot.template());
    List<String> over = new ArrayList<>();
    for (FunctionDef function : template.functions().values()) {
      Path jar = RepositoryRoot.path().resolve(function.codeUri().orElseThrow());
      assertTrue(Files.isRegularFile(jar), jar + " was not built");
      double mib = Files.size(jar) / 1048576.0;
      Double budget = BUDGET_MIB.get(function.logicalId());
      System.out.printf(
          "%s: %s is %.2f MiB (budget %s)%n", function.logicalId(), jar.getFileName(), mib, budget);
      if (budget == null) {
        over.add(function.logicalId() + " has no size budget in this test");
      } else if (mib > budget) {
        over.add(String.format("%s: %.2f MiB > %.2f MiB", function.logicalId(), mib, budget));
      }
    }
    assertEquals(List.of(), over);
  }
}
