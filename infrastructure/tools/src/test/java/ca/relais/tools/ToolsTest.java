package ca.relais.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the tools jar; nothing here reaches AWS or an emulator. */
class ToolsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Tools.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noCommand_printsEveryCommandsUsage() {
    assertEquals(2, run());
    assertTrue(err().contains("routing load FILE.csv --table TABLE_NAME"), err());
  }

  @Test
  void unknownCommandOrSubcommand_isAUsageError() {
    assertEquals(2, run("people"));
    assertTrue(err().contains("Unknown command people"), err());
    assertEquals(2, run("routing", "unload"));
    assertTrue(err().contains("Unknown subcommand routing unload"), err());
  }

  @Test
  void routingLoad_needsAFileAndATable_andKnowsItsFlags(@TempDir Path dir) {
    assertEquals(2, run("routing", "load", "--table", "T"));
    assertEquals(2, run("routing", "load", dir.resolve("r.csv").toString()));
    assertEquals(2, run("routing", "load", "r.csv", "--table", "T", "--tabel", "U"));
    assertTrue(err().contains("Unknown flag --tabel"), err());
    assertEquals(2, run("routing", "load", "r.csv", "--table"));
    assertTrue(err().contains("--table needs a value"), err());
  }

  @Test
  void routingLoad_dryRunChecksEveryRow_withoutAnyTable(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("routing.csv");
    Files.writeString(
        file,
        """
        scope,email,name,language,role
        100,anne@example.org,Anne,fr,primary
        *,program@example.org,Programme,fr,primary
        """);
    assertEquals(0, run("routing", "load", file.toString(), "--table=T", "--dry-run"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 agents, every row valid"));

    Files.writeString(file, "scope,email,name,language,role\n999,bad,X,fr,primary\n");
    assertEquals(1, run("routing", "load", file.toString(), "--table", "T", "--dry-run"));
    assertTrue(err().contains("Nothing loaded"), err());
    assertEquals(1, run("routing", "load", dir.resolve("none.csv").toString(), "--table", "T"));
    assertTrue(err().contains("No such file"), err());
  }
}
