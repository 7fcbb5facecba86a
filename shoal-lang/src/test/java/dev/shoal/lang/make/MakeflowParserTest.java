package dev.shoal.lang.make;

import static dev.shoal.lang.make.Fixtures.files;
import static dev.shoal.lang.make.Fixtures.names;
import static dev.shoal.lang.make.Fixtures.parse;
import static dev.shoal.lang.make.Fixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Category;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MakeflowParserTest {

  @Test
  void parse_rules_targetsSourcesCommandsLinesAndIds() throws Exception {
    Workflow w = parse("rules.makeflow");

    assertEquals(Path.of("rules.makeflow"), w.file(), "the file as the user named it");
    assertEquals(4, w.rules().size());
    Rule first = rule(w, 0);
    assertEquals(0, first.id());
    assertEquals(2, first.line());
    assertEquals(files("out.txt"), names(first.targets()));
    assertEquals(files("in.txt"), names(first.sources()));
    assertEquals("cat in.txt > out.txt", first.command());
    assertEquals(Rule.Kind.COMMAND, first.kind());
    assertFalse(first.local());
    assertEquals(Category.DEFAULT, first.category());
    assertEquals(Resources.NONE, first.resources());
    assertNull(first.batchOptions());
    assertEquals(files("a.txt", "b.txt"), names(rule(w, 1).targets()));
    assertEquals(files("in.txt", "prog.sh"), names(rule(w, 1).sources()));
    assertEquals(5, rule(w, 1).line());
    assertEquals(List.of(), rule(w, 2).sources());
    assertEquals("date > stamp", rule(w, 2).command());
    assertEquals(3, rule(w, 3).id());
    assertEquals(14, rule(w, 3).line());
    assertEquals("cat a.txt b.txt out.txt > final.txt", rule(w, 3).command());
    assertNull(w.outputs());
    assertEquals(Set.of(), w.gcInputs());
    assertEquals(Set.of(Category.DEFAULT), w.categories().keySet());
  }

  @Test
  void parse_comments_strippedUnlessQuotedOrEscaped() throws Exception {
    Workflow w = parse("comments.makeflow");

    assertEquals(files("two"), names(rule(w, 0).sources()));
    assertEquals("echo \"# not a comment\" > one", rule(w, 0).command());
    assertEquals("echo '# kept' a#b > three", rule(w, 1).command());
    assertEquals("echo a", rule(w, 2).command());
  }

  @Test
  void parse_quotes_groupFileNamesAndExpandOnlyInDoubleQuotes() throws Exception {
    Workflow w = parse("quotes.makeflow");

    assertEquals(files("A", "B"), names(rule(w, 0).targets()));
    assertEquals(files("C", "D"), names(rule(w, 1).targets()));
    assertEquals(files("C D"), names(rule(w, 2).targets()));
    assertEquals(files("H I", "J K"), names(rule(w, 3).targets()));
    assertEquals(files("$(VAR)"), names(rule(w, 4).targets()));
    assertEquals("echo \"C D\" '$(VAR)' > '$(VAR)'", rule(w, 4).command());
  }

  @Test
  void parse_dashes_belongToNamesExceptArrowWhichRenames() throws Exception {
    Workflow w = parse("dashes.makeflow");

    assertEquals(List.of(FileRef.of("a----b")), rule(w, 0).targets());
    assertEquals(List.of(FileRef.of("c-d")), rule(w, 0).sources());
    assertEquals(List.of(new FileRef("c", "out")), rule(w, 1).targets());
    assertEquals(
        List.of(new FileRef("a", "in1"), FileRef.of("b"), new FileRef("myprog", "prog")),
        rule(w, 1).sources());
    assertEquals(List.of(new FileRef("x-y", "z-w")), rule(w, 2).targets());
    assertEquals(List.of(FileRef.of("-v")), rule(w, 2).sources());
  }

  @Test
  void parse_continuation_becomesOneSpaceAndToleratedAtEndOfFile() throws Exception {
    Workflow w = parse("continuation.makeflow");

    assertEquals(5, rule(w, 0).line());
    assertEquals(files("out1", "out2"), names(rule(w, 0).targets()));
    assertEquals(files("in1", "in2"), names(rule(w, 0).sources()));
    assertEquals("cat in1 in2  > out1; echo one  two > out2", rule(w, 0).command());
    assertEquals(11, rule(w, 1).line());
    assertEquals("echo done > last", rule(w, 1).command());
  }

  @Test
  void parse_variables_expandEagerlyWithEscapes() throws Exception {
    Workflow w = parse("variables.makeflow", Map.of("HOME", "/home/u"));

    assertEquals(
        "echo 1 two words first second 1-1-1 '$(A)' \"1\" \"tab\there\" $HOME ab $PATH",
        rule(w, 0).command());
    assertEquals("echo 2", rule(w, 1).command(), "a later assignment applies to later rules");
  }

  @Test
  void parse_scopes_ruleLocalThenCategoryThenGlobalThenEnvironment() throws Exception {
    Workflow w = parse("scopes.makeflow", Map.of("FROM_ENV", "env"));

    assertEquals("echo 1 2 0 local env", rule(w, 0).command());
    assertEquals(1, rule(w, 0).resources().cores());
    assertEquals("echo 1", rule(w, 1).command(), "rule-local values end with their rule");
    assertEquals("big", rule(w, 2).category());
    assertEquals("echo category 8", rule(w, 2).command());
    assertEquals(8, rule(w, 2).resources().cores());
    assertEquals("other", rule(w, 3).category(), "CATEGORY inside a rule names its category");
    assertEquals("echo 1", rule(w, 3).command());
    assertEquals("small", rule(w, 4).category(), "SYMBOL is CATEGORY");
    assertEquals(Set.of(Category.DEFAULT, "big", "small", "other"), w.categories().keySet());
    assertEquals(8, w.categories().get("big").resources().cores());
    assertSame(rule(w, 3).category(), w.categories().get("other").name());
  }

  @Test
  void parse_export_namedAndResourceVariablesReachTheEnvironment() throws Exception {
    Workflow w = parse("export.makeflow", Map.of("FROM_ENV", "e", "HOME", "/root"));

    assertEquals("echo $GREETING > r1", rule(w, 0).command());
    assertEquals(
        Map.of(
            "GREETING", "hello",
            "LATER", "late",
            "FROM_ENV", "e",
            "CORES", "2",
            "MEMORY", "1000",
            "OMP_NUM_THREADS", "2"),
        rule(w, 0).environment());
    assertEquals(
        Map.of(
            "GREETING", "hello",
            "LATER", "late",
            "FROM_ENV", "e",
            "QUOTED", "a b",
            "CATEGORY", "analysis",
            "CORES", "2",
            "MEMORY", "1000",
            "OMP_NUM_THREADS", "3"),
        rule(w, 1).environment());
    assertSame(rule(w, 1).environment(), rule(w, 2).environment());
    assertSame(rule(w, 2).environment(), rule(w, 3).environment(), "equal maps are shared");
    assertSame(rule(w, 2).resources(), rule(w, 3).resources());
  }

  @Test
  void parse_modifiers_localSubWorkflowAndBatchVariables() throws Exception {
    Workflow w = parse("modifiers.makeflow");

    assertTrue(rule(w, 0).local());
    assertEquals("echo local > r1", rule(w, 0).command());
    assertTrue(rule(w, 1).local());
    assertEquals("echo via variable > r2", rule(w, 1).command());
    assertEquals(Rule.Kind.WORKFLOW, rule(w, 2).kind());
    assertEquals("sub.makeflow", rule(w, 2).command());
    assertFalse(rule(w, 2).local());
    assertEquals(Rule.Kind.WORKFLOW, rule(w, 3).kind());
    assertEquals("sub.makeflow", rule(w, 3).command());
    assertTrue(rule(w, 4).local(), "BATCH_LOCAL=true");
    assertNull(rule(w, 4).batchOptions());
    assertEquals("-q short", rule(w, 5).batchOptions());
    assertFalse(rule(w, 5).local());
    assertFalse(rule(w, 6).local());
    assertEquals("LOCALE=C echo not a modifier > r7", rule(w, 6).command());
    assertTrue(rule(w, 7).local());
    assertEquals("echo after an empty variable > r8", rule(w, 7).command());
  }

  @Test
  void parse_resources_categoriesRulesAndEnvironmentDefaults() throws Exception {
    Workflow w = parse("resources.makeflow", Map.of("CORES", "3"));

    assertEquals(new Resources(3, 500, -1, -1, -1, -1), rule(w, 0).resources());
    assertEquals(new Resources(4, 2048, 1000, 1, 3600, 2), rule(w, 1).resources());
    assertEquals("simulation", rule(w, 1).category());
    assertEquals(new Resources(1, 2048, 1000, 1, 3600, 2), rule(w, 2).resources());
    assertEquals("analysis", rule(w, 3).category());
    assertEquals(new Resources(2, 4096, 10, -1, 60, 1), rule(w, 3).resources());
    assertEquals(
        new Resources(3, 500, -1, -1, -1, -1), w.categories().get(Category.DEFAULT).resources());
    assertEquals(
        new Resources(4, 2048, 1000, 1, 3600, 2), w.categories().get("simulation").resources());
    assertEquals(new Resources(2, 4096, 10, -1, 60, 1), w.categories().get("analysis").resources());
  }

  @Test
  void parse_directives_sizeModeAndUmbrella() throws Exception {
    Workflow w = parse("directives.makeflow");

    assertEquals(Map.of("input.dat", 2L << 30, "small.dat", 100L), w.sizeHints());
    assertEquals("align", rule(w, 0).category());
    Category align = w.categories().get("align");
    assertEquals(AllocationMode.MAX_THROUGHPUT, align.mode());
    assertEquals("align.umbrella", align.umbrellaSpec());
    assertEquals(AllocationMode.FIXED, w.categories().get("fixed").mode());
    assertEquals(AllocationMode.MIN_WASTE, w.categories().get("waste").mode());
    assertEquals(AllocationMode.MAX, w.categories().get("max").mode());
    assertNull(w.categories().get(Category.DEFAULT).mode());
    assertNull(w.categories().get("fixed").umbrellaSpec());
  }

  @Test
  void parse_gcVariables_valueAtEndOfFileWithQuotes() throws Exception {
    Workflow w = parse("gc.makeflow");

    assertEquals(Set.of("keep.me", "also.kept"), w.gcInputs(), "global even in a category");
    assertEquals(Set.of("final", "with space"), w.outputs());
    assertEquals(files("final", "with space"), names(rule(w, 0).targets()));
  }

  @Test
  void parse_string_usesDisplayNameAsFile() throws Exception {
    Workflow w = MakeflowParser.parse("out: in\n\techo > out\n", "Makeflow", Map.of());

    assertEquals(Path.of("Makeflow"), w.file());
    assertEquals("echo > out", rule(w, 0).command());
  }

  @Test
  void parse_edgeCases_punctuationRepeatsAndRuleLocalDirectives() throws Exception {
    Workflow w = parse("edge-cases.makeflow");

    assertEquals(files("data.out", "data.out"), names(rule(w, 0).targets()));
    assertEquals(files("data.in"), names(rule(w, 0).sources()));
    assertEquals("cp data.in data.out", rule(w, 0).command());
    assertEquals(3, rule(w, 0).resources().cores(), ".MAKEFLOW inside a rule is rule-local");
    assertEquals("yes", rule(w, 0).environment().get("INSIDE"));
    assertEquals(files("a:b"), names(rule(w, 1).targets()));
    assertEquals(files("c d"), names(rule(w, 1).sources()));
    assertEquals(-1, rule(w, 1).resources().cores());
    assertEquals("echo not a keyword neither > next", rule(w, 2).command());
  }
}
