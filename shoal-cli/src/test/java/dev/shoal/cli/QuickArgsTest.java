package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** QuickArgs reads what it accepts exactly as picocli does, and leaves everything else to it. */
class QuickArgsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Makeflow",
        "-T local -j 2 Makeflow",
        "--batch-type dryrun --max-local 7 --max-remote 3 other.mf",
        "-J 4 -X some/dir -l my.log -L my.batchlog",
        "--change-directory d --makeflow-log a --batch-log b",
        "flow.mf -R -z -A --skip-file-check",
        "--retry --zero-length-error --disable-afs-check -r 0",
        "--retry-count 12 --no-progress",
        "--progress -j 000123456 wf"
      })
  void parse_acceptedLine_setsTheFieldsPicocliSets(String line) throws Exception {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");

    RunCommand quick = QuickArgs.parse(args);

    assertNotNull(quick, line);
    RunCommand picocli = new RunCommand();
    new CommandLine(picocli).parseArgs(args);
    assertEquals(options(picocli), options(quick), line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--help",
        "-h",
        "--version",
        "-j2",
        "--max-local=2",
        "-j",
        "-j -1",
        "-j +5",
        "-j 1234567890",
        "-j two",
        "-l -log",
        "-j 2 -j 3",
        "-j 2 --max-local 3",
        "--progress --no-progress",
        "a.mf b.mf",
        "-Rz",
        "-c",
        "--monitor mon",
        "--wrapper x",
        "--",
        "-T"
      })
  void parse_anythingElse_leavesItToPicocli(String line) {
    assertNull(QuickArgs.parse(line.split(" ")), line);
  }

  @Test
  void parse_emptyWord_leavesItToPicocli() {
    assertNull(QuickArgs.parse(new String[] {"-j", "2", ""}));
  }

  @Test
  void usageError_quickAndPicocliPaths_printTheSameAndExitTwo() throws IOException {
    Files.writeString(dir.resolve("Makeflow"), "out.txt:\n\techo x > out.txt\n");

    Cli.Result quick = Cli.makeflow(dir, "-T", "condor");
    // --wrapper is not one QuickArgs reads: picocli reads this line.
    Cli.Result picocli = Cli.makeflow(dir, "-T", "condor", "--wrapper", "{}");

    assertEquals(2, quick.exit());
    assertEquals(picocli, quick);
    assertTrue(quick.err().startsWith("makeflow: batch type 'condor'"), quick.err());
  }

  @Test
  void quickPath_runsTheWorkflow() throws IOException {
    Files.writeString(dir.resolve("Makeflow"), "out.txt:\n\techo x > out.txt\n");

    Cli.Result r = Cli.makeflow(dir, "-T", "local", "-j", "2", "--no-progress");

    assertEquals(0, r.exit(), r.err());
    assertEquals("x\n", Files.readString(dir.resolve("out.txt")));
    assertTrue(r.out().contains("workflow completed"), r.out());
  }

  /** The value of every option and parameter field of {@code run}, by field name. */
  private static Map<String, Object> options(RunCommand run) throws IllegalAccessException {
    Map<String, Object> values = new LinkedHashMap<>();
    List<Object> objects = new ArrayList<>(List.of(run, run.workflow));
    for (Object o : objects) {
      for (Field f : o.getClass().getDeclaredFields()) {
        if (f.isAnnotationPresent(CommandLine.Option.class)
            || f.isAnnotationPresent(CommandLine.Parameters.class)) {
          f.setAccessible(true);
          values.put(o.getClass().getSimpleName() + "." + f.getName(), f.get(o));
        }
      }
    }
    return values;
  }
}
