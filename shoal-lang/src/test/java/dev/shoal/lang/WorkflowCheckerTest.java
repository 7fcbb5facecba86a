package dev.shoal.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.lang.make.MakeflowParser;
import dev.shoal.lang.model.Category;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkflowCheckerTest {

  private static List<String> check(String text, Set<String> existing) throws Exception {
    Workflow w = MakeflowParser.parse(text, "Makeflow", Map.of());
    return WorkflowChecker.check(w, existing::contains).stream().map(Diagnostic::toString).toList();
  }

  @Test
  void check_soundWorkflow_noDiagnostics() throws Exception {
    assertEquals(List.of(), check("b: a\n\tcp a b\nc: b a\n\tcat a b > c\n", Set.of("a")));
  }

  @Test
  void check_missingInput_reportedOnceAtFirstReader() throws Exception {
    assertEquals(
        List.of(
            "Makeflow:3: input data.txt does not exist and no rule makes it — create it or add a"
                + " rule that makes it"),
        check(
            "x: in\n\techo > x\nout: data.txt x\n\tcat data.txt > out\nmore: data.txt\n\techo\n",
            Set.of("in")));
  }

  @Test
  void check_twoRuleCycle_printedInDataFlowOrderFromLowestLine() throws Exception {
    assertEquals(
        List.of(
            "Makeflow:4: cycle: a -> b -> a — each file is needed to make the next (rules at"
                + " lines 4, 7); remove one of these dependencies"),
        check("# cycle\n\n\na: b\n\tcp b a\n\nb: a\n\tcp a b\n", Set.of()));
  }

  @Test
  void check_threeRuleCycleThroughSecondTarget_namesConnectingFiles() throws Exception {
    assertEquals(
        List.of(
            "Makeflow:1: cycle: a2 -> b -> c -> a2 — each file is needed to make the next (rules at"
                + " lines 1, 5, 3); remove one of these dependencies"),
        check("a a2: c\n\tx\nc: b\n\tx\nb: a2 in\n\tx\n", Set.of("in")));
  }

  @Test
  void check_ruleReadingItsOwnTarget_isACycle() throws Exception {
    assertEquals(
        List.of(
            "Makeflow:1: cycle: a -> a — each file is needed to make the next (rules at lines 1);"
                + " remove one of these dependencies"),
        check("a: a\n\ttouch a\n", Set.of()));
  }

  @Test
  void check_duplicateTargetInBuiltWorkflow_namesBothLines() {
    Rule first = rule(0, 3, "out.txt", "a");
    Rule second = rule(1, 7, "out.txt", "b");
    Workflow w =
        new Workflow(
            Path.of("Makeflow"), List.of(first, second), Map.of(), Set.of(), null, Map.of());
    assertEquals(
        List.of("Makeflow:7: out.txt is made by two rules, here and at line 3 — keep one"),
        WorkflowChecker.check(w, name -> true).stream().map(Diagnostic::toString).toList());
  }

  @Test
  void check_chainOfTwoHundredThousandRules_noStackOverflow() {
    int n = 200_000;
    List<Rule> rules = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      rules.add(rule(k, k + 1, "f" + (k + 1), "f" + k));
    }
    rules.set(0, rule(0, 1, "f1", "f" + n)); // closes the chain into one long cycle
    Workflow w = new Workflow(Path.of("Makeflow"), rules, Map.of(), Set.of(), null, Map.of());

    List<Diagnostic> found = WorkflowChecker.check(w, name -> true);

    assertEquals(1, found.size());
    assertEquals(1, found.get(0).line());
    assertEquals(
        "cycle: f1 -> f2 -> f3 -> f4 -> f5 -> f6 -> f7 -> f8 -> f9 -> f10 -> f11 -> f12 -> f13 ->"
            + " f14 -> f15 -> f16 -> f17 -> f18 -> f19 -> f20 -> ... (199980 more) -> f1 — each"
            + " file is needed to make the next (rules at lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,"
            + " 12, 13, 14, 15, 16, 17, 18, 19, 20, ...); remove one of these dependencies",
        found.get(0).message());
  }

  private static Rule rule(int id, int line, String target, String source) {
    return new Rule(
        id,
        line,
        List.of(FileRef.of(target)),
        List.of(FileRef.of(source)),
        "true",
        Rule.Kind.COMMAND,
        false,
        Category.DEFAULT,
        Resources.NONE,
        Map.of(),
        null,
        null,
        Map.of());
  }
}
