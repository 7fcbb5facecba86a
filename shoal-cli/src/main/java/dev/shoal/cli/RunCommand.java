package dev.shoal.cli;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.local.LocalBackend;
import dev.shoal.engine.local.Monitoring;
import dev.shoal.engine.run.Cleaner;
import dev.shoal.engine.run.CommandBuilder;
import dev.shoal.engine.run.DryRun;
import dev.shoal.engine.run.Engine;
import dev.shoal.engine.run.EngineOptions;
import dev.shoal.engine.run.GcPolicy;
import dev.shoal.engine.run.LocalLimits;
import dev.shoal.engine.run.LogJournal;
import dev.shoal.engine.run.PriorRun;
import dev.shoal.engine.run.Recovery;
import dev.shoal.engine.run.RetryPolicy;
import dev.shoal.engine.run.RunListener;
import dev.shoal.engine.run.RunOutcome;
import dev.shoal.engine.run.Wrappers;
import dev.shoal.engine.sizing.AllocationOption;
import dev.shoal.engine.spi.Backend;
import dev.shoal.lang.WorkflowException;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import dev.shoal.web.ReportText;
import dev.shoal.web.RunHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shoal run} and {@code makeflow}: runs a workflow with makeflow's options. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Runs a Makeflow (or JX) workflow: every rule whose inputs exist, as many at once as the"
          + " limits allow, logging each step to WORKFLOW.makeflowlog so that a killed run"
          + " continues where it stopped.",
      "Exit codes: 0 the workflow completed, 1 it failed or was aborted, 2 bad usage or input."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin WorkflowOptions workflow = new WorkflowOptions();

  @Mixin WorkQueueOptions workQueue = new WorkQueueOptions();

  @Mixin MesosCliOptions mesos = new MesosCliOptions();

  /** Set by picocli; null when {@link QuickArgs} read the options. */
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private PrintWriter out;
  private PrintWriter err;

  @Option(
      names = {"-T", "--batch-type"},
      paramLabel = "TYPE",
      description =
          "Where rules run: local (default), wq (Work Queue workers; also workqueue), mesos"
              + " (--mesos-master) or dryrun (write the equivalent script).")
  String batchType = "local";

  @Option(
      names = {"-c", "--clean"},
      arity = "0..1",
      paramLabel = "MODE",
      fallbackValue = "all",
      description = "Delete what earlier runs made: all (default), outputs, intermediates, cache.")
  String clean;

  @Option(
      names = {"-j", "--max-local"},
      paramLabel = "N",
      description = "Rules running at once locally (default: cores).")
  Integer maxLocal;

  @Option(
      names = {"-J", "--max-remote"},
      paramLabel = "N",
      description = "Rules running at once remotely (default: 100).")
  Integer maxRemote;

  @Option(
      names = {"-R", "--retry"},
      description = "Retry failed rules, up to 5 times each.")
  boolean retry;

  @Option(
      names = {"-r", "--retry-count"},
      paramLabel = "N",
      description = "Retry failed rules, up to N times each.")
  Integer retryCount;

  @Option(
      names = {"-z", "--zero-length-error"},
      description = "An output of zero length is a failure.")
  boolean zeroLengthError;

  @Option(
      names = "--wait-for-files-upto",
      paramLabel = "SECONDS",
      description = "Wait up to SECONDS for a rule's outputs to appear (shared file systems).")
  int waitForFiles;

  @Option(
      names = {"-g", "--gc"},
      paramLabel = "TYPE",
      description = "Delete intermediates during the run: none (default), ref_cnt, on_demand, all.")
  String gc = "none";

  @Option(
      names = {"-G", "--gc-count"},
      paramLabel = "N",
      description = "ref_cnt: files per pass; on_demand: collect beyond N files (default 16).")
  int gcCount = 16;

  @Option(
      names = "--gc-size",
      paramLabel = "BYTES",
      description = "on_demand: collect when free disk falls to BYTES (default 10M).")
  String gcSize = "10M";

  @Option(
      names = "--do-not-save-failed-output",
      description = "Delete a failed rule's outputs instead of moving them to makeflow.failed.N/.")
  boolean doNotSaveFailed;

  @Option(
      names = {"-l", "--makeflow-log"},
      paramLabel = "FILE",
      description = "The transaction log (default: WORKFLOW.makeflowlog).")
  String makeflowLog;

  @Option(
      names = {"-L", "--batch-log"},
      paramLabel = "FILE",
      description = "The batch log; the script of -T dryrun (default: WORKFLOW.batchlog).")
  String batchLog;

  @Option(names = "--log-verbose", description = "Also log each rule's structure (NODE lines).")
  boolean logVerbose;

  @Option(
      names = "--skip-file-check",
      description = "On restart, trust the log: do not look for deleted or modified files.")
  boolean skipFileCheck;

  @Option(
      names = "--sandbox",
      description = "Run each rule in its own directory holding only its declared inputs.")
  boolean sandbox;

  @Option(
      names = "--wrapper",
      paramLabel = "CMD",
      description = "Wrap every command: {} is the command, [] the command quoted, %% the rule.")
  List<String> wrappers = new ArrayList<>();

  @Option(
      names = "--wrapper-input",
      paramLabel = "FILE",
      description =
          "A file every wrapped rule reads (%% is the rule number). Accepted for"
              + " compatibility: the local back end needs no transfer of it.")
  List<String> wrapperInputs = new ArrayList<>();

  @Option(
      names = "--wrapper-output",
      paramLabel = "FILE",
      description =
          "A file every wrapped rule writes (%% is the rule number). Accepted for"
              + " compatibility: the local back end needs no transfer of it.")
  List<String> wrapperOutputs = new ArrayList<>();

  @Option(
      names = "--local-cores",
      paramLabel = "N",
      description = "Cores local rules may use together (default: all).")
  Long localCores;

  @Option(
      names = "--local-memory",
      paramLabel = "MB",
      description = "Memory local rules may use together (default: all).")
  Long localMemory;

  @Option(
      names = "--local-disk",
      paramLabel = "MB",
      description = "Disk local rules may use together (default: unlimited).")
  Long localDisk;

  @Option(
      names = {"-f", "--summary-log"},
      paramLabel = "FILE",
      description = "Write a summary of the run to FILE.")
  Path summaryLog;

  @Option(
      names = {"-A", "--disable-afs-check"},
      description = "Accepted for compatibility; Shoal makes no AFS check.")
  boolean disableAfsCheck;

  @Option(
      names = {"-S", "--submission-timeout"},
      paramLabel = "SECONDS",
      description = "Accepted for compatibility (local submission does not time out).")
  int submissionTimeout = 3600;

  @Option(
      names = "--monitor",
      paramLabel = "DIR",
      description =
          "Write a resource summary of every rule to DIR (resource-rule-NNNNNN.summary). Tasks are"
              + " measured either way; this keeps the measurements.")
  Path monitorDir;

  @Option(
      names = "--monitor-interval",
      paramLabel = "SECONDS",
      description = "Time between two measurements of a running task (default: 1).")
  double monitorInterval = 1;

  @Option(
      names = "--monitor-with-time-series",
      description = "With --monitor, also write each rule's measurements over time (.series).")
  boolean monitorTimeSeries;

  @Option(
      names = "--monitor-log-fmt",
      paramLabel = "FORMAT",
      description =
          "With --monitor, the name of each summary: %% is the rule number"
              + " (default: resource-rule-%%).")
  String monitorLogFormat;

  @Option(
      names = "--allocation",
      paramLabel = "MODE",
      description =
          "How categories that set no .MAKEFLOW MODE size their tasks from measurements: fixed"
              + " (default: as requested), waste (least waste), throughput (most tasks per time).")
  String allocation;

  @Option(
      names = "--progress",
      negatable = true,
      description = "Show a live progress line (default: when output is a terminal).")
  Boolean progress;

  /**
   * Runs with options that {@link QuickArgs} set, writing to {@code out} and {@code err}; errors
   * are reported as picocli reports them for a parsed command (usage: message and exit code 2; any
   * other exception: its stack trace and exit code 2).
   */
  int callWithout(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
    try {
      return call();
    } catch (UsageError e) {
      return Main.usageError(err, "makeflow", e.getMessage());
    } catch (Exception e) {
      e.printStackTrace(err);
      err.flush();
      return 2;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (spec != null) {
      out = spec.commandLine().getOut();
      err = spec.commandLine().getErr();
    }
    String type = batchType.toLowerCase(Locale.ROOT);
    if (type.equals("workqueue")) {
      type = "wq";
    }
    if (!type.equals("local")
        && !type.equals("dryrun")
        && !type.equals("wq")
        && !type.equals("mesos")) {
      throw new UsageError(
          "batch type '"
              + batchType
              + "' is not available in this version — use -T local, -T wq, -T mesos or -T"
              + " dryrun");
    }
    if (type.equals("mesos")) {
      mesos.check(spec.commandLine());
    } else if (mesos.containersAsked()) {
      throw new UsageError(
          "--docker and --docker-category run tasks in images through Mesos only — use -T mesos,"
              + " or run without them");
    }
    Workflow w;
    try {
      w = workflow.load();
      checkRemoteNames(w, type);
    } catch (WorkflowException e) {
      return Diagnostics.report(e, err);
    }
    Path workDir = workflow.workDir();
    Dag dag = Dag.of(w);
    Path log = workDir.resolve(makeflowLog != null ? makeflowLog : workflow.file + ".makeflowlog");
    Path batch = workDir.resolve(batchLog != null ? batchLog : workflow.file + ".batchlog");
    if (clean != null) {
      Cleaner.Mode mode = parseEnum(Cleaner.Mode.class, clean, "--clean");
      List<String> deleted = Cleaner.clean(dag, workDir, mode, List.of(log, batch));
      out.println("cleaned " + deleted.size() + " file(s) of " + workflow.file);
      return 0;
    }
    CommandBuilder commands = commands();
    if (type.equals("dryrun")) {
      Files.writeString(batch, DryRun.script(dag, workDir, commands));
      out.println("wrote the commands of " + dag.ruleCount() + " rule(s) to " + batch);
      return 0;
    }
    return run(dag, workDir, log, commands, type.equals("wq"), out, err);
  }

  private int run(
      Dag dag,
      Path workDir,
      Path log,
      CommandBuilder commands,
      boolean workQueue,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    LongSupplier micros = Clocks::nowMicros;
    EngineOptions options = engineOptions();
    PriorRun prior;
    try {
      prior = Files.exists(log) ? LogJournal.replay(log, err::println) : PriorRun.NONE;
    } catch (dev.shoal.engine.log.CorruptLogException e) {
      err.println(e.getMessage());
      return 1;
    }
    Recovery.Plan plan = Recovery.plan(dag, prior, workDir, options.skipFileCheck());
    boolean showProgress = progress != null ? progress : System.console() != null;
    Progress progressListener = new Progress(dag, err, showProgress, micros);
    List<RunListener> listeners = List.of(progressListener);
    RunOutcome outcome;
    boolean firstRun = !Files.exists(log);
    try (LogJournal journal = LogJournal.open(log, micros::getAsLong)) {
      if (logVerbose && firstRun) {
        journal.describe(dag);
      }
      Engine engine;
      try {
        engine =
            new Engine(
                dag,
                workDir,
                plan,
                options,
                journal,
                sink -> (Backend) new LocalBackend(sink, sandbox, micros, monitoring(workDir)),
                workQueue
                    ? workQueueBackend(dag, workDir, micros, out, err)
                    : batchType.equalsIgnoreCase("mesos")
                        ? sink ->
                            mesos.start(
                                sink,
                                workDir,
                                workflow.file,
                                micros,
                                monitoring(workDir).summaryFiles())
                        : null,
                commands,
                listeners,
                micros);
      } catch (java.io.UncheckedIOException e) {
        // The back end could not start (a port in use, an unwritable port file).
        err.println(e.getCause().getMessage());
        return 1;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Signals.onInterrupt(
          engine::abort,
          () -> {
            try {
              stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      try {
        outcome = engine.run();
      } finally {
        stopped.countDown();
      }
    }
    String summary = Summary.text(workflow.file, outcome);
    if (monitorDir != null || sizes(dag)) {
      // What tasks used against what they were given, per category: the point of measuring.
      Map<Integer, String> categories = new HashMap<>();
      for (int r = 0; r < dag.ruleCount(); r++) {
        categories.put(r, dag.rule(r).category());
      }
      RunHistory history =
          RunHistory.read(
              log,
              workflow.file,
              categories,
              monitorDir == null ? null : workDir.resolve(monitorDir));
      out.println(ReportText.render(history));
    }
    out.println(summary);
    out.flush();
    if (summaryLog != null) {
      Files.writeString(workDir.resolve(summaryLog), summary + System.lineSeparator());
    }
    return outcome.exitCode();
  }

  /** Makes the Work Queue manager when the engine asks; prints where it listens. */
  private java.util.function.Function<dev.shoal.engine.spi.EventSink, Backend> workQueueBackend(
      Dag dag, Path workDir, LongSupplier micros, PrintWriter out, PrintWriter err) {
    boolean portGiven = spec.commandLine().getParseResult().hasMatchedOption("--port");
    dev.shoal.wq.manager.ManagerOptions options;
    try {
      options = workQueue.toManagerOptions(workDir, monitorDir != null || sizes(dag), portGiven);
    } catch (IllegalArgumentException | IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    return sink -> {
      try {
        dev.shoal.wq.manager.WorkQueueBackend b =
            dev.shoal.wq.manager.WorkQueueBackend.start(
                options, sink, micros, err::println, workDir, monitoring(workDir).summaryFiles());
        out.println("listening for workers on port " + b.port());
        out.flush();
        return b;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  private EngineOptions engineOptions() {
    int cores = Runtime.getRuntime().availableProcessors();
    int local = envMin("MAKEFLOW_MAX_LOCAL_JOBS", maxLocal != null ? maxLocal : cores);
    // cctools: 100 remote jobs by default, ten times that for Work Queue.
    int remoteDefault = batchType.toLowerCase(Locale.ROOT).matches("wq|workqueue") ? 1000 : 100;
    int remote = envMin("MAKEFLOW_MAX_REMOTE_JOBS", maxRemote != null ? maxRemote : remoteDefault);
    if (batchType.equalsIgnoreCase("local")) {
      int both = Math.min(local, maxRemote != null ? remote : local);
      local = both;
      remote = both;
    }
    RetryPolicy retryPolicy =
        retryCount != null
            ? new RetryPolicy(true, retryCount)
            : new RetryPolicy(retry, RetryPolicy.DEFAULT.max());
    GcPolicy gcPolicy =
        new GcPolicy(parseEnum(GcPolicy.Mode.class, gc, "--gc"), gcCount, Sizes.parseBytes(gcSize));
    LocalLimits machine = LocalLimits.machine();
    LocalLimits limits =
        new LocalLimits(
            localCores != null ? localCores : machine.cores(),
            localMemory != null ? localMemory : machine.memoryMb(),
            localDisk != null ? localDisk : machine.diskMb());
    return new EngineOptions(
        local,
        remote,
        retryPolicy,
        zeroLengthError,
        Duration.ofSeconds(waitForFiles),
        gcPolicy,
        !doNotSaveFailed,
        limits,
        skipFileCheck,
        allocation == null ? AllocationOption.DEFAULT : parseAllocation());
  }

  /** True when some category sizes its tasks from measurements. */
  private boolean sizes(Dag dag) {
    if (allocation != null && parseAllocation() != dev.shoal.lang.model.AllocationMode.FIXED) {
      return true;
    }
    return dag.workflow().categories().values().stream()
        .anyMatch(c -> c.mode() != null && c.mode() != dev.shoal.lang.model.AllocationMode.FIXED);
  }

  private Monitoring monitoring(Path workDir) {
    if (monitorInterval < 0.01) {
      throw new UsageError(
          "--monitor-interval " + monitorInterval + " is too short — use 0.01 seconds or more");
    }
    return new Monitoring(
        Duration.ofMillis(Math.round(monitorInterval * 1000)),
        monitorDir == null ? null : workDir.resolve(monitorDir),
        monitorLogFormat == null ? Monitoring.DEFAULT_FORMAT : monitorLogFormat,
        monitorTimeSeries);
  }

  private dev.shoal.lang.model.AllocationMode parseAllocation() {
    try {
      return AllocationOption.parse(allocation);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  private CommandBuilder commands() {
    CommandBuilder base = new NestedWorkflows(CommandBuilder.PLAIN);
    return wrappers.isEmpty() ? base : new Wrappers(wrappers, base);
  }

  /** {@code local->remote} names need a back end that gives each task its own directory. */
  private void checkRemoteNames(Workflow w, String type) throws WorkflowException {
    if (sandbox || type.equals("dryrun") || type.equals("wq") || type.equals("mesos")) {
      return;
    }
    List<dev.shoal.lang.Diagnostic> problems = new ArrayList<>();
    for (Rule r : w.rules()) {
      for (List<FileRef> files : List.of(r.targets(), r.sources())) {
        for (FileRef f : files) {
          if (f.renamed()) {
            problems.add(
                new dev.shoal.lang.Diagnostic(
                    workflow.file,
                    r.line(),
                    "renaming "
                        + f
                        + " needs each rule in its own directory — add --sandbox, or use a"
                        + " batch type that supports it (-T wq)"));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new WorkflowException(problems);
    }
  }

  private int envMin(String name, int value) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      return value;
    }
    try {
      return Math.min(value, Integer.parseInt(v.trim()));
    } catch (NumberFormatException e) {
      throw new UsageError(name + "=" + v + " is not a number — unset it or give a count");
    }
  }

  private <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> valid = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        valid.add(c.name().toLowerCase(Locale.ROOT));
      }
      throw new UsageError(option + " " + value + " is not one of " + String.join(", ", valid));
    }
  }
}
