package dev.shoal.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the shoal jar. Invoked as {@code shoal SUBCOMMAND ...}, or under a cctools name
 * ({@code makeflow}, {@code makeflow_analyze}, {@code makeflow_viz}, {@code resource_monitor},
 * {@code catalog_server}, {@code work_queue_factory}, {@code work_queue_status}, {@code
 * work_queue_worker}) given by the launcher in the system property {@code shoal.tool}, which runs
 * that subcommand directly.
 *
 * <p>Exit codes: 0 success, 1 the workflow failed, 2 bad usage or bad input.
 */
@Command(
    name = "shoal",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Shoal: Makeflow-compatible workflows on one machine, workers, Mesos and clusters.",
    subcommands = {
      RunCommand.class,
      CheckCommand.class,
      VizCommand.class,
      ReportCommand.class,
      MonitorCommand.class,
      CatalogCommand.class,
      FactoryCommand.class,
      StatusCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name a subcommand: run, check, viz, report, monitor, catalog, factory, status, worker");
  }

  public static void main(String[] args) {
    System.exit(execute(System.getProperty("shoal.tool", "shoal"), args, null, null));
  }

  /** Runs a tool with {@code args}; returns its exit code. Writers default to stdout/stderr. */
  static int execute(String tool, String[] args, PrintWriter out, PrintWriter err) {
    // The worker has its own small option parser (it ships alone in shoal-worker.jar): delegate.
    if (tool.equals("work_queue_worker")) {
      return dev.shoal.worker.WorkerMain.run(args);
    }
    if (tool.equals("shoal") && args.length > 0 && args[0].equals("worker")) {
      return dev.shoal.worker.WorkerMain.run(java.util.Arrays.copyOfRange(args, 1, args.length));
    }
    if (tool.equals("makeflow")) {
      RunCommand quick = QuickArgs.parse(args);
      if (quick != null) {
        return quick.callWithout(
            out != null ? out : writer(System.out), err != null ? err : writer(System.err));
      }
    }
    CommandLine cl =
        switch (tool) {
          case "makeflow" -> new CommandLine(new RunCommand()).setCommandName("makeflow");
          case "makeflow_analyze" ->
              new CommandLine(new CheckCommand()).setCommandName("makeflow_analyze");
          case "makeflow_viz" -> new CommandLine(new VizCommand()).setCommandName("makeflow_viz");
          case "resource_monitor" ->
              new CommandLine(new MonitorCommand()).setCommandName("resource_monitor");
          case "catalog_server" ->
              new CommandLine(new CatalogCommand()).setCommandName("catalog_server");
          case "work_queue_factory" ->
              new CommandLine(new FactoryCommand()).setCommandName("work_queue_factory");
          case "work_queue_status" ->
              new CommandLine(new StatusCommand()).setCommandName("work_queue_status");
          default -> new CommandLine(new Main());
        };
    cl.setExitCodeExceptionMapper(e -> 2);
    cl.setParameterExceptionHandler(
        (ex, a) ->
            usageError(
                ex.getCommandLine().getErr(),
                ex.getCommandLine().getCommandName(),
                ex.getMessage()));
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof UsageError) {
            return usageError(c.getErr(), c.getCommandName(), ex.getMessage());
          }
          throw ex;
        });
    if (out != null) {
      cl.setOut(out);
    }
    if (err != null) {
      cl.setErr(err);
    }
    return cl.execute(args);
  }

  /** Reports a usage error of {@code command}; returns its exit code, 2. */
  static int usageError(PrintWriter err, String command, String message) {
    err.println(command + ": " + message);
    err.println("Try '" + command + " --help' for the options.");
    return 2;
  }

  /** A writer on {@code stream} as picocli makes one: default charset, flushed at each line. */
  private static PrintWriter writer(OutputStream stream) {
    return new PrintWriter(
        new BufferedWriter(new OutputStreamWriter(stream, Charset.defaultCharset())), true);
  }
}
