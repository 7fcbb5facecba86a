package dev.shoal.cli;

import dev.shoal.engine.log.CorruptLogException;
import dev.shoal.lang.WorkflowException;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import dev.shoal.web.ReportHtml;
import dev.shoal.web.ReportText;
import dev.shoal.web.RunHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shoal report}: what a run did and used, from its log and resource summaries. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Reports on the runs of a workflow, read from its transaction log (WORKFLOW.makeflowlog):"
          + " duration, tasks done and failed, and per category the tasks, their wall time,"
          + " measured cores, memory and disk, the allocation job sizing chose, and CPU and memory"
          + " used versus allocated. Prints a text table; --html also writes a page with charts.",
      "Relative paths are taken in the workflow's directory (-X DIR).",
      "Exit codes: 0 reported, 2 bad usage, no log, or an unreadable log."
    })
final class ReportCommand implements Callable<Integer> {
  @Mixin WorkflowOptions workflow = new WorkflowOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Also write the report as one self-contained HTML file, e.g. WORKFLOW.report.html.")
  String html;

  @Option(
      names = "--monitor",
      paramLabel = "DIR",
      description =
          "The resource monitor's directory (resource-rule-N.summary files) for measured use.")
  String monitor;

  @Option(
      names = {"-l", "--makeflow-log"},
      paramLabel = "FILE",
      description = "The transaction log (default: WORKFLOW.makeflowlog).")
  String makeflowLog;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.commandLine().getCommandName();
    Path dir = workflow.workDir();
    Path log = dir.resolve(makeflowLog != null ? makeflowLog : workflow.file + ".makeflowlog");
    Map<Integer, String> categories = new HashMap<>();
    try {
      Workflow w = workflow.parse();
      for (Rule r : w.rules()) {
        categories.put(r.id(), r.category());
      }
    } catch (WorkflowException e) {
      // The log alone still tells what ran; only the categories are lost.
      e.diagnostics().forEach(err::println);
      err.println(name + ": reporting without categories (every rule is in 'default')");
    }
    if (html != null) {
      Path target = dir.resolve(html).normalize();
      if (target.equals(workflow.path().normalize()) || target.equals(log.normalize())) {
        err.println(
            name + ": --html " + html + " would overwrite the workflow or its log; name an .html");
        return 2;
      }
    }
    RunHistory history;
    try {
      history =
          RunHistory.read(log, title(), categories, monitor == null ? null : dir.resolve(monitor));
    } catch (NoSuchFileException e) {
      err.println(
          name + ": no transaction log " + log + " — run the workflow first, or name it with -l");
      return 2;
    } catch (CorruptLogException e) {
      err.println(name + ": " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println(name + ": cannot read " + log + ": " + e.getMessage());
      return 2;
    }
    out.print(ReportText.render(history));
    out.flush();
    if (html != null) {
      Path target = dir.resolve(html);
      try {
        Files.writeString(target, ReportHtml.render(history));
      } catch (IOException e) {
        err.println(name + ": cannot write " + target + ": " + e.getMessage());
        return 2;
      }
      out.println("HTML report: " + target);
      out.flush();
    }
    return 0;
  }

  /** {@code align/Makeflow} with -X, else the file name as given. */
  private String title() {
    Path d = workflow.directory == null ? null : workflow.workDir().getFileName();
    return d == null ? workflow.file : d + "/" + workflow.file;
  }
}
