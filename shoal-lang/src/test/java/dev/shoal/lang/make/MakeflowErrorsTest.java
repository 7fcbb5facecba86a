package dev.shoal.lang.make;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoal.lang.Diagnostic;
import dev.shoal.lang.WorkflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden tests: the exact text of every error the Makeflow parser reports. */
class MakeflowErrorsTest {

  private static List<String> errors(String text) {
    return errors(text, Map.of());
  }

  private static List<String> errors(String text, Map<String, String> environment) {
    WorkflowException e =
        assertThrows(
            WorkflowException.class, () -> MakeflowParser.parse(text, "Makeflow", environment));
    return e.diagnostics().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void parse_undefinedVariableInCommand_namesVariableAndRemedy() {
    assertEquals(
        List.of(
            "Makeflow:2: variable OUT has not been defined — define it above this line, or export"
                + " it in the environment"),
        errors("out: in\n\tcat in > $(OUT)\n"));
  }

  @Test
  void parse_variableDefinedAfterUse_isUndefinedWhereUsed() {
    assertEquals(
        List.of(
            "Makeflow:1: variable X has not been defined — define it above this line, or export"
                + " it in the environment"),
        errors("$(X): in\n\techo > a\nX=a\n"));
  }

  @Test
  void parse_selfReferentialValue_stopsAtDepthLimit() {
    assertEquals(
        List.of(
            "Makeflow:3: variable A expands more than 32 levels deep — a value refers to itself;"
                + " write \\$ for a literal $"),
        errors("A=\\$(A)\nout: in\n\techo $(A)\n"));
  }

  @Test
  void parse_shellCommandSubstitution_asksForEscape() {
    assertEquals(
        List.of(
            "Makeflow:2: $( is not followed by a variable name and ) — write \\$( to pass it to"
                + " the shell, or fix the reference"),
        errors("out: in\n\techo $(date +%s) > out\n"));
  }

  @Test
  void parse_unknownDirective_listsValidOnes() {
    assertEquals(
        List.of(
            "Makeflow:1: unknown directive .FOO — valid directives are .MAKEFLOW"
                + " CATEGORY|CORES|MEMORY|DISK|WALL_TIME|MPI_PROCESSES <value>, .MAKEFLOW MODE"
                + " MAX_THROUGHPUT|MIN_WASTE|FIXED|MAX, .SIZE <file> <size> and .UMBRELLA SPEC"
                + " <file>"),
        errors(".FOO bar\n"));
  }

  @Test
  void parse_makeflowGpusAndSize_areUnsupportedWithHint() {
    String valid =
        " — valid directives are .MAKEFLOW CATEGORY|CORES|MEMORY|DISK|WALL_TIME|MPI_PROCESSES"
            + " <value>, .MAKEFLOW MODE MAX_THROUGHPUT|MIN_WASTE|FIXED|MAX, .SIZE <file> <size>"
            + " and .UMBRELLA SPEC <file>";
    assertEquals(
        List.of(
            "Makeflow:1: unsupported directive .MAKEFLOW GPUS (set GPUS=<n> instead)" + valid,
            "Makeflow:2: unsupported directive .MAKEFLOW SIZE (use .SIZE <file> <size> instead)"
                + valid,
            "Makeflow:3: unsupported directive .MAKEFLOW BOGUS" + valid,
            "Makeflow:4: unsupported directive .UMBRELLA FILE x" + valid),
        errors(".MAKEFLOW GPUS 1\n.MAKEFLOW SIZE a 1\n.MAKEFLOW BOGUS 1\n.UMBRELLA FILE x\n"));
  }

  @Test
  void parse_directiveWithWrongValueCount_showsUsage() {
    assertEquals(
        List.of(
            "Makeflow:1: .MAKEFLOW CORES needs one value — write .MAKEFLOW CORES <value>, for"
                + " example .MAKEFLOW CORES 4",
            "Makeflow:2: .SIZE needs 2 values — write .SIZE <file> <size>, for example .SIZE"
                + " data.bin 2G",
            "Makeflow:3: .UMBRELLA SPEC needs one value — write .UMBRELLA SPEC <file>, for"
                + " example .UMBRELLA SPEC env.umbrella",
            "Makeflow:4: .MAKEFLOW MODE needs one value — write .MAKEFLOW MODE"
                + " MAX_THROUGHPUT|MIN_WASTE|FIXED|MAX"),
        errors(".MAKEFLOW CORES\n.SIZE a\n.UMBRELLA SPEC\n.MAKEFLOW MODE\n"));
  }

  @Test
  void parse_badResourceValues_sayWhatANumberLooksLike() {
    assertEquals(
        List.of(
            "Makeflow:1: invalid value 'four' for CORES — give a number such as 4 or 2G",
            "Makeflow:2: invalid value '\"4\"' for CORES — give a number such as 4 or 2G, without"
                + " quotes",
            "Makeflow:3: invalid value 'lots' for size — give a number such as 4 or 2G",
            "Makeflow:4: unknown allocation mode FAST — use MAX_THROUGHPUT, MIN_WASTE, FIXED or"
                + " MAX"),
        errors(".MAKEFLOW CORES four\nCORES=\"4\"\n.SIZE f lots\n.MAKEFLOW MODE FAST\n"));
  }

  @Test
  void parse_badResourceInEnvironment_reportedWithoutLine() {
    assertEquals(
        List.of(
            "Makeflow: environment variable MEMORY='big' is not a number — unset it or give a"
                + " number such as 4"),
        errors("out: in\n\techo > out\n", Map.of("MEMORY", "big")));
  }

  @Test
  void parse_unrecognizedLine_listsWhatALineCanBe() {
    assertEquals(
        List.of(
            "Makeflow:1: cannot read this line: 'hello world' — a line is a rule (targets:"
                + " sources), an assignment (NAME=value), export NAME, a directive (.MAKEFLOW ...)"
                + " or a command indented by a TAB below a rule"),
        errors("hello world\n"));
  }

  @Test
  void parse_ruleWithoutCommand_reportedBeforeNextRuleAndAtEnd() {
    String msg = "rule has no command — add one command line below it, indented by a TAB";
    assertEquals(
        List.of("Makeflow:1: " + msg, "Makeflow:3: " + msg), errors("a: in\nX=1\nb: a\n\n"));
  }

  @Test
  void parse_secondCommand_pointsAtTheRule() {
    assertEquals(
        List.of(
            "Makeflow:4: the rule at line 1 already has a command — a rule has exactly one"
                + " command; join commands with ';' or '&&'"),
        errors("a: in\n\techo one > a\n\n\techo two >> a\n"));
  }

  @Test
  void parse_commandOutsideRule_saysWhatToDo() {
    assertEquals(
        List.of(
            "Makeflow:2: command outside a rule — put a rule header (targets: sources) above it,"
                + " or remove the indentation if this is not a command"),
        errors("X=1\n\techo hi\n"));
  }

  @Test
  void parse_emptyTargetList_asksForTargets() {
    assertEquals(
        List.of(
            "Makeflow:1: rule has no targets — name the files it makes before ':', for example"
                + " out.txt: in.txt"),
        errors(": in\n\techo\n"));
  }

  @Test
  void parse_targetOfTwoRules_namesBothLines() {
    assertEquals(
        List.of("Makeflow:7: out.txt is made by two rules, here and at line 3 — keep one"),
        errors("# two rules\n\nout.txt: a\n\tcp a out.txt\n\nX=1\nout.txt: b\n\tcp b out.txt\n"));
  }

  @Test
  void parse_assignmentWithoutName_showsForm() {
    assertEquals(
        List.of("Makeflow:1: assignment without a variable name: '=bad' — write NAME=value"),
        errors("=bad\n"));
  }

  @Test
  void parse_unsupportedOperators_offerAssignAndAppend() {
    assertEquals(
        List.of(
            "Makeflow:1: operator -= is not supported — use = to assign or += to append",
            "Makeflow:2: operator != is not supported — use = to assign or += to append"),
        errors("A-=1\nB != echo\n"));
  }

  @Test
  void parse_invalidVariableName_showsAllowedCharacters() {
    assertEquals(
        List.of(
            "Makeflow:1: invalid variable name 'my-var' — names use only letters, digits and _,"
                + " for example OUT_DIR=results"),
        errors("my-var=1\n"));
  }

  @Test
  void parse_unterminatedQuotes_inHeaderCommandAndValue() {
    assertEquals(
        List.of(
            "Makeflow:1: unterminated \" quote — close it on the same line (or continue the line"
                + " with \\), or escape it as \\\"",
            "Makeflow:4: unterminated ' quote — close it on the same line (or continue the line"
                + " with \\), or escape it as \\'",
            "Makeflow:5: unterminated \" quote — close it on the same line (or continue the line"
                + " with \\), or escape it as \\\""),
        errors("out: \"in\n\techo\nb: a\n\techo 'x > b\nV=\"open\n"));
  }

  @Test
  void parse_arrowWithoutName_showsRenameForm() {
    assertEquals(
        List.of(
            "Makeflow:1: -> needs a file name on both sides in 'out->' — write local->remote, for"
                + " example out.txt->result.txt"),
        errors("out->: in\n\techo\n"));
  }

  @Test
  void parse_badModifiers_showForm() {
    assertEquals(
        List.of(
            "Makeflow:2: LOCAL must be followed by a command — write LOCAL <command>",
            "Makeflow:4: MAKEFLOW takes exactly one workflow file, got 'sub.mf dir' — write"
                + " MAKEFLOW <file>; to run it elsewhere use the JX form with \"args\""),
        errors("a: in\n\tLOCAL\nb: in\n\tMAKEFLOW sub.mf dir\n"));
  }

  @Test
  void parse_commandEmptyAfterExpansion_asksForCommand() {
    assertEquals(
        List.of(
            "Makeflow:3: the command is empty once variables are expanded — give the rule a"
                + " command, or check the variables it uses"),
        errors("NOTHING=\nout: in\n\t$(NOTHING)\n"));
  }

  @Test
  void parse_badExports_showForm() {
    assertEquals(
        List.of(
            "Makeflow:1: export needs a variable name — write export NAME or export NAME=value",
            "Makeflow:2: cannot export 'a.b' — names use only letters, digits and _"),
        errors("export\nexport A a.b\n"));
  }

  @Test
  void parse_missingFile_reportsWithoutLine() {
    WorkflowException e =
        assertThrows(
            WorkflowException.class,
            () -> MakeflowParser.parse(Fixtures.resource(".").resolve("nope"), "nope", Map.of()));
    assertEquals(
        "nope: file does not exist — check the name and working directory", e.getMessage());
  }

  @Test
  void parse_fileWithManyErrors_reportsEveryOneInLineOrder() throws Exception {
    String expected =
        Files.readString(Fixtures.resource("errors.expected"), StandardCharsets.UTF_8);
    WorkflowException e =
        assertThrows(WorkflowException.class, () -> Fixtures.parse("errors.makeflow"));
    assertEquals(expected.strip(), e.getMessage());
  }
}
