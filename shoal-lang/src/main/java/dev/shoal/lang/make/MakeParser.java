package dev.shoal.lang.make;

import dev.shoal.lang.Diagnostic;
import dev.shoal.lang.WorkflowException;
import dev.shoal.lang.model.Category;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One parse of one Makeflow file: walks the logical lines top to bottom, keeping the variable
 * tables current, and builds each rule when its command is read. Every problem is recorded as a
 * diagnostic and parsing goes on with the next line, so one run reports them all.
 *
 * <p>Single use; not thread-safe.
 */
final class MakeParser {
  static final String GC_INPUTS = "MAKEFLOW_INPUTS";
  static final String GC_OUTPUTS = "MAKEFLOW_OUTPUTS";

  /** A rule whose header has been read and whose command has not. */
  private record Pending(int line, List<FileRef> targets, List<FileRef> sources) {}

  private static final Pending BROKEN = new Pending(0, List.of(), List.of());

  private final String file;
  private final Scopes scopes;
  private final Directives directives;
  private final RuleFactory factory;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<Rule> rules = new ArrayList<>();
  private final Map<String, Integer> producers = new HashMap<>();
  private Pending pending;
  private int pendingLine;
  private int lastCommandRuleLine;

  MakeParser(String file, Map<String, String> environment) {
    this.file = file;
    this.scopes = new Scopes(checkedEnvironment(environment));
    this.directives = new Directives(scopes, this::assign);
    this.factory = new RuleFactory(scopes);
  }

  /**
   * Reads every line and returns the workflow.
   *
   * @throws WorkflowException with every problem found, in line order
   */
  Workflow parse(LogicalLines lines, Path path) throws IOException, WorkflowException {
    for (LogicalLines.SourceLine line = lines.next(); line != null; line = lines.next()) {
      try {
        read(line.number(), LineClassifier.classify(line.text()));
      } catch (LineError e) {
        report(line.number(), e.getMessage());
        recover(line);
      }
    }
    if (pending != null) {
      closeRule();
    }
    if (!diagnostics.isEmpty()) {
      diagnostics.sort(null);
      throw new WorkflowException(diagnostics);
    }
    return new Workflow(
        path,
        rules,
        categories(),
        fileSet(scopes.lookupGlobal(GC_INPUTS)),
        scopes.lookupGlobal(GC_OUTPUTS) == null ? null : fileSet(scopes.lookupGlobal(GC_OUTPUTS)),
        directives.sizeHints());
  }

  private void read(int number, Line line) throws LineError {
    if (!(line instanceof Line.Blank || line instanceof Line.Command)) {
      lastCommandRuleLine = 0;
    }
    switch (line) {
      case Line.Blank b -> {}
      case Line.Command c -> command(number, c.text());
      case Line.Header h -> header(number, h);
      case Line.Assignment a -> assignment(a);
      case Line.Export e -> export(e.rest());
      case Line.Directive d -> directives.apply(d.text());
    }
  }

  private void header(int number, Line.Header h) throws LineError {
    if (pending != null) {
      closeRule();
    }
    scopes.beginRule();
    pending = BROKEN;
    pendingLine = number;
    List<FileRef> targets = FileList.parse(expand(h.targets(), Expander.Mode.FILES));
    if (targets.isEmpty()) {
      throw new LineError(
          "rule has no targets — name the files it makes before ':', for example out.txt: in.txt");
    }
    for (FileRef target : targets) {
      Integer first = producers.putIfAbsent(target.dagName(), number);
      if (first != null && first != number) {
        throw new LineError(
            target.dagName() + " is made by two rules, here and at line " + first + " — keep one");
      }
    }
    List<FileRef> sources = FileList.parse(expand(h.sources(), Expander.Mode.FILES));
    pending = new Pending(number, targets, sources);
  }

  private void command(int number, String text) throws LineError {
    if (pending == null) {
      if (lastCommandRuleLine > 0) {
        throw new LineError(
            "the rule at line "
                + lastCommandRuleLine
                + " already has a command — a rule has exactly one command; join commands with"
                + " ';' or '&&'");
      }
      throw new LineError(
          "command outside a rule — put a rule header (targets: sources) above it, or remove the"
              + " indentation if this is not a command");
    }
    Pending p = pending;
    lastCommandRuleLine = pendingLine;
    pending = BROKEN; // the rule has its command, whether or not the command reads
    try {
      if (p != BROKEN) {
        String command = expand(text, Expander.Mode.COMMAND).strip();
        if (command.isEmpty()) {
          throw new LineError(
              "the command is empty once variables are expanded — give the rule a command, or"
                  + " check the variables it uses");
        }
        rules.add(factory.build(rules.size(), p.line(), p.targets(), p.sources(), command));
      }
    } finally {
      closeRule();
    }
  }

  private void assignment(Line.Assignment a) throws LineError {
    String value = expand(a.value(), Expander.Mode.VALUE);
    if (a.append()) {
      String old = scopes.lookup(a.name());
      value = old == null ? value : old + " " + value;
    }
    assign(a.name(), value);
  }

  /** Checks values whose meaning the parser knows, then stores. */
  private void assign(String name, String value) throws LineError {
    if (ResourceValues.isResource(name)) {
      ResourceValues.parse(name, value);
    } else if (name.equals(GC_INPUTS) || name.equals(GC_OUTPUTS)) {
      FileList.parse(value);
    }
    scopes.assign(name, value);
  }

  private void export(String rest) throws LineError {
    if (rest.isEmpty()) {
      throw new LineError("export needs a variable name — write export NAME or export NAME=value");
    }
    int eq = Quoting.indexOfUnquoted(rest, "=");
    if (eq >= 0) {
      Line.Assignment a = LineClassifier.assignment(rest, eq);
      assignment(a);
      scopes.export(a.name());
      return;
    }
    for (String name : rest.split("[ \t]+")) {
      if (!Quoting.isName(name)) {
        throw new LineError("cannot export '" + name + "' — names use only letters, digits and _");
      }
      scopes.export(name);
    }
  }

  private String expand(String text, Expander.Mode mode) throws LineError {
    return Expander.expand(text, scopes::lookup, mode);
  }

  /**
   * Ends the rule being read; a rule whose header was read but whose command was not is reported,
   * unless its header was itself broken (the user has that error already).
   */
  private void closeRule() {
    if (pending != BROKEN && pending != null) {
      report(pendingLine, noCommand());
    }
    pending = null;
    scopes.endRule();
  }

  /**
   * After a line failed, keeps the structure in step so that one mistake gives one error: a broken
   * command still ends its rule, and a broken line outside a rule (which may have been a rule
   * header) absorbs the command that follows it.
   */
  private void recover(LogicalLines.SourceLine line) {
    String text = line.text();
    boolean indented = !text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t');
    if (indented && pending != null) {
      pending = BROKEN;
      closeRule();
    } else if (!indented && pending == null) {
      pending = BROKEN;
      pendingLine = line.number();
    }
  }

  private String noCommand() {
    return "rule has no command — add one command line below it, indented by a TAB";
  }

  private void report(int line, String message) {
    diagnostics.add(new Diagnostic(file, line, message));
  }

  private Map<String, Category> categories() {
    Map<String, Category> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> e : scopes.categoryTables().entrySet()) {
      String name = e.getKey();
      Map<String, String> table = e.getValue();
      Resources resources =
          ResourceValues.read(
              v -> name.equals(Category.DEFAULT) ? scopes.lookupGlobal(v) : table.get(v));
      out.put(
          name,
          new Category(
              name,
              resources,
              directives.modes().get(name),
              Map.of(),
              directives.umbrellaSpecs().get(name)));
    }
    return out;
  }

  private static Set<String> fileSet(String value) {
    Set<String> files = new LinkedHashSet<>();
    if (value == null) {
      return files;
    }
    try {
      for (FileRef f : FileList.parse(value)) {
        files.add(f.dagName());
      }
    } catch (LineError e) {
      throw new IllegalStateException("file list not checked on assignment: " + value, e);
    }
    return files;
  }

  /** The environment without resource variables whose values do not read, each reported. */
  private Map<String, String> checkedEnvironment(Map<String, String> environment) {
    Map<String, String> checked = new HashMap<>(environment);
    for (String name : ResourceValues.NAMES) {
      String value = environment.get(name);
      if (value == null) {
        continue;
      }
      try {
        ResourceValues.parse(name, value);
      } catch (LineError e) {
        checked.remove(name);
        report(
            0,
            "environment variable "
                + name
                + "='"
                + value
                + "' is not a number — unset it or give a number such as 4");
      }
    }
    return checked;
  }
}
