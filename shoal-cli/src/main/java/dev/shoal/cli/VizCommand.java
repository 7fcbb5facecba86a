package dev.shoal.cli;

import dev.shoal.engine.dag.Dag;
import dev.shoal.lang.WorkflowException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shoal viz} and {@code makeflow_viz}: the workflow graph as DOT or JSON. */
@Command(
    name = "viz",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Writes the workflow's graph to standard output: rules and the files joining them.",
      "Render DOT with Graphviz, e.g. 'makeflow_viz -D dot Makeflow | dot -Tsvg > flow.svg'."
    })
final class VizCommand implements Callable<Integer> {
  @Mixin WorkflowOptions workflow = new WorkflowOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-D", "--display"},
      paramLabel = "FORMAT",
      description = "dot (default) or json.")
  String format = "dot";

  @Override
  public Integer call() {
    Dag dag;
    try {
      dag = Dag.of(workflow.load());
    } catch (WorkflowException e) {
      return Diagnostics.report(e, spec.commandLine().getErr());
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format.toLowerCase(Locale.ROOT)) {
      case "dot" -> GraphWriter.dot(dag, out);
      case "json" -> GraphWriter.json(dag, out);
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "-D " + format + " is not a format Shoal writes — use dot or json");
    }
    out.flush();
    return 0;
  }
}
