package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: help, usage errors, clean, dry run, pictures, a damaged log. */
class CommandLineTest {
  @TempDir Path dir;

  private void chain() throws IOException {
    Files.writeString(dir.resolve("in.txt"), "x\n");
    Files.writeString(
        dir.resolve("Makeflow"),
        "mid.txt: in.txt\n\tcp in.txt mid.txt\nout.txt: mid.txt\n\tcp mid.txt out.txt\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"makeflow", "makeflow_analyze", "makeflow_viz", "shoal"})
  void help_everyTool_printsUsageAndExitsZero(String tool) {
    Cli.Result r = Cli.run(tool, dir, "--help");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Usage:"), r.out());
  }

  @Test
  void run_unknownOption_exitsTwoWithAHint() {
    Cli.Result r = Cli.makeflow(dir, "--no-such-option");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--help"), r.err());
  }

  @Test
  void run_unsupportedBatchType_exitsTwoNamingTheAlternatives() throws IOException {
    chain();
    Cli.Result r = Cli.makeflow(dir, "-T", "condor");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("-T local"), r.err());
    assertFalse(Files.exists(dir.resolve("out.txt")));
  }

  @Test
  void run_missingWorkflowFile_exitsTwo() {
    Cli.Result r = Cli.makeflow(dir, "Nothing.mf");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("Nothing.mf: workflow file not found"), r.err());
  }

  @Test
  void clean_afterRun_deletesWhatTheRunMadeAndTheLog() throws IOException {
    chain();
    assertEquals(0, Cli.makeflow(dir, "--no-progress").exit());
    assertTrue(Files.exists(dir.resolve("Makeflow.makeflowlog")));

    Cli.Result r = Cli.makeflow(dir, "-c");

    assertEquals(0, r.exit(), r.err());
    assertFalse(Files.exists(dir.resolve("mid.txt")));
    assertFalse(Files.exists(dir.resolve("out.txt")));
    assertFalse(Files.exists(dir.resolve("Makeflow.makeflowlog")));
    assertTrue(Files.exists(dir.resolve("in.txt")));
  }

  @Test
  void clean_intermediates_keepsOutputsAndRerunRemakesThem() throws IOException {
    chain();
    assertEquals(0, Cli.makeflow(dir, "--no-progress").exit());

    assertEquals(0, Cli.makeflow(dir, "--clean=intermediates").exit());
    assertFalse(Files.exists(dir.resolve("mid.txt")));
    assertTrue(Files.exists(dir.resolve("out.txt")));

    Cli.Result again = Cli.makeflow(dir, "--no-progress");
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("nothing left to do"), again.out());
  }

  @Test
  void clean_outputs_thenRerun_remakesThem() throws IOException {
    chain();
    assertEquals(0, Cli.makeflow(dir, "--no-progress").exit());
    assertEquals(0, Cli.makeflow(dir, "--clean=outputs").exit());
    assertFalse(Files.exists(dir.resolve("out.txt")));

    Cli.Result again = Cli.makeflow(dir, "--no-progress");
    assertEquals(0, again.exit(), again.err());
    assertEquals("x\n", Files.readString(dir.resolve("out.txt")));
  }

  @Test
  void dryrun_writesTheCommandsInDependencyOrderAndRunsNothing() throws IOException {
    chain();
    Cli.Result r = Cli.makeflow(dir, "-T", "dryrun");

    assertEquals(0, r.exit(), r.err());
    String script = Files.readString(dir.resolve("Makeflow.batchlog"));
    assertTrue(script.indexOf("cp in.txt mid.txt") < script.indexOf("cp mid.txt out.txt"), script);
    assertFalse(Files.exists(dir.resolve("mid.txt")));
  }

  @Test
  void viz_dot_drawsRulesAndFiles() throws IOException {
    chain();
    Cli.Result r = Cli.run("makeflow_viz", dir, "-D", "dot");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("digraph"), r.out());
    assertTrue(r.out().contains("label=\"mid.txt\""), r.out());
    assertTrue(r.out().contains("R0 -> F"), r.out());
  }

  @Test
  void viz_json_listsRules() throws IOException {
    chain();
    Cli.Result r = Cli.run("makeflow_viz", dir, "-D", "json");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\"outputs\":[\"out.txt\"]"), r.out());
  }

  @Test
  void analyze_outputs_listsTheFinalOutputs() throws IOException {
    chain();
    Cli.Result r = Cli.run("makeflow_analyze", dir, "-O");
    assertEquals(0, r.exit(), r.err());
    assertEquals("out.txt", r.out().strip());
  }

  @Test
  void run_corruptedLog_exitsOneNamingTheLine() throws IOException {
    chain();
    Files.writeString(
        dir.resolve("Makeflow.makeflowlog"), "# STARTED 1\ngarbage here\n# COMPLETED 2\n");

    Cli.Result r = Cli.makeflow(dir, "--no-progress");

    assertEquals(1, r.exit());
    assertTrue(r.err().contains("Makeflow.makeflowlog:2:"), r.err());
    assertFalse(Files.exists(dir.resolve("out.txt")));
  }

  @Test
  void run_tornLastLine_isIgnoredAndTheRunGoesOn() throws IOException {
    chain();
    assertEquals(0, Cli.makeflow(dir, "--no-progress").exit());
    Files.writeString(
        dir.resolve("Makeflow.makeflowlog"), "17955 1 2", java.nio.file.StandardOpenOption.APPEND);

    Cli.Result r = Cli.makeflow(dir, "--no-progress");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("nothing left to do"), r.out());
  }
}
