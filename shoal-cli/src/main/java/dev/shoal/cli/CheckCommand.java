package dev.shoal.cli;

import dev.shoal.engine.dag.Dag;
import dev.shoal.lang.WorkflowException;
import dev.shoal.lang.model.Workflow;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shoal check} and {@code makeflow_analyze}: checks a workflow, lists its files. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Reads a workflow and runs every check makeflow runs before it starts (syntax, undefined"
          + " variables, cycles, duplicate targets, missing inputs); nothing is run.",
      "Exit codes: 0 the workflow is sound, 2 it has errors (each printed as file:line)."
    })
final class CheckCommand implements Callable<Integer> {
  @Mixin WorkflowOptions workflow = new WorkflowOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-k", "--syntax-check"},
      description = "Check the workflow and say whether it is sound (the default).")
  boolean syntax;

  @Option(
      names = {"-I", "--show-inputs"},
      description = "List the files the workflow needs that no rule makes.")
  boolean inputs;

  @Option(
      names = {"-O", "--show-outputs"},
      description = "List the final outputs of the workflow.")
  boolean outputs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Workflow w;
    try {
      w = workflow.load();
    } catch (WorkflowException e) {
      return Diagnostics.report(e, spec.commandLine().getErr());
    }
    Dag dag = Dag.of(w);
    if (inputs || outputs) {
      for (int f = 0; f < dag.fileCount(); f++) {
        boolean source = dag.producer(f) < 0;
        if ((inputs && source) || (outputs && !source && dag.isOutput(f))) {
          out.println(dag.fileName(f));
        }
      }
    } else {
      out.printf(
          "%s: Syntax OK (%d rules, %d files)%n", workflow.file, dag.ruleCount(), dag.fileCount());
    }
    out.flush();
    return 0;
  }
}
