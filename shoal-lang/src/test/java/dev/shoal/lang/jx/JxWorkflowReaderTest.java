package dev.shoal.lang.jx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.lang.Diagnostic;
import dev.shoal.lang.WorkflowException;
import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Category;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JxWorkflowReaderTest {
  @TempDir Path tmp;

  static Path resource(String name) {
    try {
      return Path.of(JxWorkflowReaderTest.class.getResource("/jx/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static Workflow jx(String name) throws WorkflowException {
    return JxWorkflowReader.read(resource(name), name, true, List.of(), Map.of());
  }

  static List<String> problems(String name, boolean evaluate) {
    WorkflowException e =
        assertThrows(
            WorkflowException.class,
            () -> JxWorkflowReader.read(resource(name), name, evaluate, List.of(), Map.of()));
    return e.diagnostics().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void read_plainJsonWithRenamedFiles() throws WorkflowException {
    Workflow w =
        JxWorkflowReader.read(resource("hello.json"), "hello.json", false, List.of(), Map.of());
    assertEquals(2, w.rules().size());
    Rule first = w.rules().get(0);
    assertEquals(0, first.id());
    assertEquals(3, first.line());
    assertEquals("echo hello > greeting.txt", first.command());
    assertEquals(List.of(FileRef.of("greeting.txt")), first.targets());
    assertTrue(first.local());
    assertEquals(Category.DEFAULT, first.category());
    assertEquals(Map.of("CATEGORY", "default"), first.environment());
    Rule second = w.rules().get(1);
    assertEquals(1, second.id());
    assertEquals(8, second.line());
    assertEquals(List.of(new FileRef("greeting.txt", "in.txt")), second.sources());
    assertEquals(List.of(new FileRef("shout.txt", "out.txt")), second.targets());
    assertSame(first.environment(), second.environment());
    assertEquals(Rule.Kind.COMMAND, second.kind());
    assertTrue(w.categories().containsKey(Category.DEFAULT));
  }

  @Test
  void read_comprehensionGeneratesNumberedRulesWithTheBodyLine() throws WorkflowException {
    Workflow w = jx("fan-out.jx");
    assertEquals(5, w.rules().size());
    for (int s = 0; s < 4; s++) {
      Rule r = w.rules().get(s);
      assertEquals(s, r.id());
      assertEquals(8, r.line());
      assertEquals("./sim --seed " + s + " > result." + s + ".txt", r.command());
      assertEquals(List.of(FileRef.of("result." + s + ".txt")), r.targets());
    }
    Rule gather = w.rules().get(4);
    assertEquals(13, gather.line());
    assertEquals(
        "cat result.0.txt result.1.txt result.2.txt result.3.txt > all.txt", gather.command());
    assertEquals(4, gather.sources().size());
    assertTrue(gather.local());
  }

  @Test
  void read_manualStyleWithStringNumberConcatenationAndTrailingCommas() throws WorkflowException {
    Workflow w = jx("gather.jx");
    assertEquals(4, w.rules().size());
    Rule second = w.rules().get(1);
    assertEquals("./analyze --part 2 > piece.2.out", second.command());
    assertEquals("analyze", second.category());
    assertEquals(new Resources(2, 1024, 500, -1, -1, -1), second.resources());
    assertEquals("2", second.environment().get("CORES"));
    Rule merge = w.rules().get(3);
    assertEquals("cat piece.1.out piece.2.out piece.3.out > merged.out", merge.command());
    assertEquals("merge", merge.category());
    assertEquals(20, merge.line());
  }

  @Test
  void read_categoriesResourcesAndEnvironmentPrecedence() throws WorkflowException {
    Workflow w = jx("categories.jx");
    Category large = w.categories().get("large");
    assertEquals(new Resources(8, 16000, 2000, 1, 3600, Resources.UNSET), large.resources());
    assertEquals(AllocationMode.MAX, large.mode());
    assertEquals(Map.of("LEVEL", "category", "COLOR", "red"), large.environment());
    assertNull(w.categories().get("small").mode());

    Rule prepare = w.rules().get(0);
    assertEquals("small", prepare.category());
    assertEquals(new Resources(1, 512, 100, -1, -1, -1), prepare.resources());
    assertEquals(
        Map.of(
            "LEVEL",
            "global",
            "COLOR",
            "blue",
            "SHAPE",
            "round",
            "CATEGORY",
            "small",
            "CORES",
            "1",
            "MEMORY",
            "512",
            "DISK",
            "100"),
        prepare.environment());

    Rule crunch = w.rules().get(1);
    assertEquals(new Resources(16, 16000, 2000, 1, 3600, 4), crunch.resources());
    assertEquals("auto", crunch.allocation());
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("LEVEL", "rule");
    expected.put("COLOR", "red");
    expected.put("SHAPE", "round");
    expected.put("CATEGORY", "large");
    expected.put("CORES", "16");
    expected.put("MEMORY", "16000");
    expected.put("DISK", "2000");
    expected.put("GPUS", "1");
    expected.put("MPI_PROCESSES", "4");
    expected.put("WALL_TIME", "3600");
    assertEquals(expected, crunch.environment());

    assertEquals("category", w.rules().get(2).environment().get("LEVEL"));
    assertSame(w.rules().get(2).environment(), w.rules().get(3).environment());
  }

  @Test
  void read_defineUsedWhenNothingOverridesIt() throws WorkflowException {
    Rule r = jx("parameters.jx").rules().get(0);
    assertEquals("split --mode fast -n 2 input part", r.command());
    assertEquals(List.of(FileRef.of("part.0"), FileRef.of("part.1")), r.targets());
  }

  @Test
  void read_jxArgsFileAndJxDefineOverrideDefine() throws WorkflowException {
    Map<String, String> defines = new LinkedHashMap<>();
    defines.put("MODE", "\"care\" + \"ful\"");
    defines.put("N", "N + 1");
    Rule r =
        JxWorkflowReader.read(
                resource("parameters.jx"),
                "parameters.jx",
                true,
                List.of(resource("parameters-args.jx")),
                defines)
            .rules()
            .get(0);
    assertEquals("split --mode careful -n 4 input chunk", r.command());
    assertEquals(4, r.targets().size());
    assertEquals(FileRef.of("chunk.3"), r.targets().get(3));
  }

  @Test
  void read_subWorkflowWithArgs() throws WorkflowException {
    Rule r = jx("nested.jx").rules().get(0);
    assertEquals(Rule.Kind.WORKFLOW, r.kind());
    assertEquals("inner.jx", r.command());
    assertEquals(Map.of("SIZE", "10", "LABEL", "first"), r.nested());
    assertEquals(List.of("SIZE", "LABEL"), List.copyOf(r.nested().keySet()));
  }

  @Test
  void read_collectsEveryProblemWithLineAndRemedy() {
    assertEquals(
        List.of(
            "broken.jx:6: unknown resource \"cpus\" in rule 0 — the resources are cores, memory,"
                + " disk, gpus, wall-time, mpi-processes (memory and disk in MB, wall-time in"
                + " seconds)",
            "broken.jx:6: resource \"memory\" must be a non-negative whole number, got integer -1"
                + " — write e.g. \"memory\": 4",
            "broken.jx:8: rule 1 has both \"command\" and \"workflow\" — keep one: a shell command"
                + " or a sub-workflow file",
            "broken.jx:12: rule 2 has neither \"command\" nor \"workflow\" — add \"command\":"
                + " \"...\" (or \"workflow\": \"sub.jx\" for a sub-workflow)",
            "broken.jx:13: unknown key \"comand\" in rule 2 — the valid keys are command, workflow,"
                + " args, inputs, outputs, local_job, category, resources, allocation, environment",
            "broken.jx:14: unknown allocation \"greedy\" — use \"auto\", \"max\" or \"error\"",
            "broken.jx:17: format(): '%d' needs an integer, got float 1.5 — use %f for numbers with"
                + " a fraction, or floor()",
            "broken.jx:20: unknown top-level key \"colour\" — the valid keys are rules, define,"
                + " environment, categories, default_category"),
        problems("broken.jx", true));
  }

  @Test
  void read_jsonModeRejectsExpressions() {
    List<String> p = problems("fan-out.jx", false);
    assertEquals(
        "fan-out.jx:5: a list comprehension is JX, not plain JSON — run with --jx to evaluate"
            + " expressions, or write the value out",
        p.get(0));
    assertEquals(
        List.of("fan-out.jx:8", "fan-out.jx:14", "fan-out.jx:15"),
        p.subList(1, p.size()).stream().map(m -> m.substring(0, m.indexOf(": "))).toList());
  }

  @Test
  void read_undefinedSymbolNamesTheFixes() throws IOException {
    Path f = tmp.resolve("u.jx");
    Files.writeString(f, "{\n \"rules\": [\n  {\"command\": \"run \" + WHAT}\n ]\n}\n");
    WorkflowException e =
        assertThrows(
            WorkflowException.class,
            () -> JxWorkflowReader.read(f, "u.jx", true, List.of(), Map.of()));
    assertEquals(
        "u.jx:3: undefined symbol 'WHAT' — define it (in \"define\", a --jx-args file or"
            + " --jx-define WHAT=VALUE), or quote it if you meant the string \"WHAT\"",
        e.getMessage());
  }

  @Test
  void read_syntaxErrorAndMissingFilesAndMissingRules() throws IOException {
    Path f = tmp.resolve("s.jx");
    Files.writeString(
        f, "{\n \"rules\": [\n  {\"command\": \"a\"}\n  {\"command\": \"b\"}\n ]\n}\n");
    assertEquals(
        "s.jx:4: expected ',' or ']' in the list opened on line 2, found '{' — separate items with"
            + " ',' and close the list with ']'",
        assertThrows(
                WorkflowException.class,
                () -> JxWorkflowReader.read(f, "s.jx", true, List.of(), Map.of()))
            .getMessage());
    Path none = tmp.resolve("none.jx");
    assertTrue(
        assertThrows(
                WorkflowException.class,
                () -> JxWorkflowReader.read(none, "none.jx", true, List.of(), Map.of()))
            .getMessage()
            .startsWith("none.jx: cannot read the workflow (NoSuchFileException"));
    Path empty = tmp.resolve("e.json");
    Files.writeString(empty, "{}");
    assertEquals(
        "e.json:1: no \"rules\" — a workflow needs \"rules\": [ {\"command\": ...} ]",
        assertThrows(
                WorkflowException.class,
                () -> JxWorkflowReader.read(empty, "e.json", false, List.of(), Map.of()))
            .getMessage());
  }

  @Test
  void read_badCommandLineValuesAreReportedWithTheirSource() throws IOException {
    Path args = tmp.resolve("args.jx");
    Files.writeString(args, "[1, 2]");
    Map<String, String> defines = new LinkedHashMap<>();
    defines.put("N", "1 +");
    defines.put("bad-name", "1");
    WorkflowException e =
        assertThrows(
            WorkflowException.class,
            () ->
                JxWorkflowReader.read(
                    resource("parameters.jx"), "parameters.jx", true, List.of(args), defines));
    List<String> msgs = e.diagnostics().stream().map(Diagnostic::toString).toList();
    assertEquals(3, msgs.size(), msgs.toString());
    assertTrue(
        msgs.contains(
            "--jx-define N:1: expected a value, found end of input — write a number, string, list, object, name or function call here"),
        msgs.toString());
    assertTrue(
        msgs.stream()
            .anyMatch(m -> m.startsWith("--jx-define bad-name: \"bad-name\" is not a JX name")),
        msgs.toString());
    assertTrue(
        msgs.stream().anyMatch(m -> m.contains("args.jx:1: a --jx-args file must hold one object")),
        msgs.toString());
  }
}
