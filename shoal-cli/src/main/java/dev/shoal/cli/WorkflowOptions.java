package dev.shoal.cli;

import dev.shoal.lang.Diagnostic;
import dev.shoal.lang.WorkflowChecker;
import dev.shoal.lang.WorkflowException;
import dev.shoal.lang.jx.JxWorkflowReader;
import dev.shoal.lang.make.MakeflowParser;
import dev.shoal.lang.model.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** How a command finds and reads its workflow: the options shared by run, check and viz. */
final class WorkflowOptions {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "WORKFLOW",
      description = "The workflow file (default: ${DEFAULT-VALUE}).",
      defaultValue = "Makeflow")
  String file;

  @Option(
      names = {"-X", "--change-directory"},
      paramLabel = "DIR",
      description = "Run in DIR: the workflow file and every file it names are relative to it.")
  Path directory;

  @Option(names = "--json", description = "The workflow is JSON (the JX workflow format).")
  boolean json;

  @Option(names = "--jx", description = "The workflow is JX: evaluate it, then run it.")
  boolean jx;

  @Option(
      names = "--jx-args",
      paramLabel = "FILE",
      description = "A JX object whose fields are defined while evaluating the workflow.")
  List<Path> jxArgs = new ArrayList<>();

  @Option(
      names = "--jx-define",
      paramLabel = "VAR=EXPR",
      description = "Define VAR as the JX expression EXPR while evaluating the workflow.")
  List<String> jxDefines = new ArrayList<>();

  /** The directory the workflow runs in (absolute). */
  Path workDir() {
    return (directory == null ? Path.of("") : directory).toAbsolutePath().normalize();
  }

  /** The workflow file, absolute. */
  Path path() {
    return workDir().resolve(file);
  }

  /** Reads the workflow and runs every check; throws with every problem found. */
  Workflow load() throws WorkflowException {
    Workflow w = parse();
    List<Diagnostic> problems =
        WorkflowChecker.check(w, name -> Files.exists(workDir().resolve(name)));
    if (!problems.isEmpty()) {
      throw new WorkflowException(problems);
    }
    return w;
  }

  /**
   * Reads the workflow without the checks that look at the disk or the graph (for commands that
   * look at a past run, whose inputs may since have been cleaned).
   */
  Workflow parse() throws WorkflowException {
    Path path = path();
    if (!Files.isRegularFile(path)) {
      throw new WorkflowException(
          List.of(
              new Diagnostic(
                  file,
                  0,
                  "workflow file not found in "
                      + workDir()
                      + " — name it on the command line (default: Makeflow) or use -X DIR")));
    }
    return read(path);
  }

  private Workflow read(Path path) throws WorkflowException {
    boolean isJx = jx || file.endsWith(".jx");
    boolean isJson = json || file.endsWith(".json");
    if (isJx || isJson) {
      Map<String, String> defines = new LinkedHashMap<>();
      for (String d : jxDefines) {
        int eq = d.indexOf('=');
        if (eq <= 0) {
          throw new WorkflowException(
              List.of(
                  new Diagnostic(
                      "--jx-define",
                      0,
                      "'" + d + "' is not VAR=EXPR — write it as NAME=EXPRESSION")));
        }
        defines.put(d.substring(0, eq), d.substring(eq + 1));
      }
      List<Path> args = jxArgs.stream().map(p -> workDir().resolve(p)).toList();
      return JxWorkflowReader.read(path, file, isJx, args, defines);
    }
    return MakeflowParser.parse(path, file, System.getenv());
  }
}
