package dev.shoal.worker.launch;

import dev.shoal.monitor.ExitStatus;
import dev.shoal.monitor.Limits;
import dev.shoal.monitor.MonitoredTask;
import dev.shoal.monitor.Resource;
import dev.shoal.monitor.Summary;
import dev.shoal.monitor.SummaryJson;
import dev.shoal.monitor.TaskConfig;
import dev.shoal.monitor.TaskMonitor;
import dev.shoal.monitor.cgroup.TaskCgroup;
import dev.shoal.monitor.exec.ShellPool;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One attempt of one task, the steps shared by the {@link TaskLauncher} (one JVM per task) and the
 * {@link ShoalExecutor} (many tasks in one JVM): download the inputs from the engine's file server
 * into {@code work/} of the task's directory under their task names (a directory whole, see {@link
 * DirStream}), run the command there (a {@link TaskCommand}: {@code /bin/sh -c}, or a pooled shell)
 * under the resource monitor with the allocation as limits, upload the outputs (when the command
 * exited 0) and then a {@link LaunchReport}, and empty the directory.
 *
 * <p>Threading: {@link #run} on one thread; {@link #kill} from any other. A killed attempt reports
 * nothing to the engine (the cluster's KILLED says it all) and returns {@link #KILLED}.
 */
final class LaunchRun {
  /** What {@link #run} returns for an attempt stopped by {@link #kill}. */
  static final int KILLED = -1;

  private static final int TAIL = 2048;

  private final LaunchSpec spec;
  private final Path dir;
  private final TaskMonitor monitor;
  private final String name;
  private final Map<String, String> extraEnv;
  private final InputCache cache;
  private final CgroupPool groups;
  private final boolean reportInUpdate;
  private final Transfers transfers = new Transfers(8);
  private volatile LaunchReport report;
  private volatile boolean killed;
  private final ShellPool shells;
  private final boolean keepDir;
  private volatile TaskCommand process;
  private volatile Thread runner;

  /** What {@link #execute} measured and the end of the command's output, for {@link #deliver}. */
  private Summary summary;

  private String tail;

  /**
   * @param dir the task's own directory, emptied (not removed) when the attempt ends (only its
   *     {@code work/} with {@link Host#keepDirs})
   * @param monitor shared by the caller, who closes it
   * @param name a name for the task unique in this process (the monitor's cgroup)
   * @param extraEnv added to the command's environment before the spec's own variables
   * @param host what the attempts of the process share
   */
  LaunchRun(
      LaunchSpec spec,
      Path dir,
      TaskMonitor monitor,
      String name,
      Map<String, String> extraEnv,
      Host host) {
    this.spec = spec;
    this.dir = dir;
    this.monitor = monitor;
    this.name = name;
    this.extraEnv = Map.copyOf(extraEnv);
    this.cache = host.cache();
    this.groups = host.groups();
    this.reportInUpdate = host.reportInUpdate();
    this.shells = host.shells();
    this.keepDir = host.keepDirs();
  }

  /**
   * What the attempts run by one process share.
   *
   * @param cache where inputs with a cache key come from, or {@code null}: every input downloaded
   * @param groups where a task's cgroup comes from, or {@code null}: one made for it and removed
   * @param reportInUpdate the report is kept for the caller to send as the {@code data} of the
   *     task's terminal status update ({@link #report()}), not uploaded: one request fewer per
   *     task, and the report reaches the scheduler with the update that ends the task
   * @param shells the long-lived shells that run the commands, or {@code null}: each command is a
   *     {@code /bin/sh -c} the JVM spawns (one task per JVM gains nothing from a pool)
   * @param keepDirs the task's directory is handed on to a later task ({@link TaskDirs}): at the
   *     end only its {@code work/} is emptied, and its log is left to be overwritten, not removed
   */
  record Host(
      InputCache cache,
      CgroupPool groups,
      boolean reportInUpdate,
      ShellPool shells,
      boolean keepDirs) {
    /** The one-task launcher: no cache, a cgroup of its own, the report uploaded, no shell pool. */
    static final Host LAUNCHER = new Host(null, null, false, null, false);
  }

  /** The report of the attempt when {@code reportInUpdate}, once {@link #run} returned; or null. */
  String report() {
    LaunchReport r = report;
    return r == null ? null : r.toJson();
  }

  /** As {@link #report()}, the report itself. */
  LaunchReport result() {
    return report;
  }

  /** Runs the whole attempt; returns the exit code for the executor or {@link #KILLED}. */
  int run() {
    try {
      int code = fetch();
      if (code == GO_ON) {
        code = execute();
      }
      if (code == GO_ON) {
        code = deliver();
      }
      return killed ? KILLED : code;
    } finally {
      close();
    }
  }

  /**
   * What a phase returns when the attempt goes on to the next one; any other value is the attempt's
   * final code (its report, if any, is made).
   */
  static final int GO_ON = Integer.MIN_VALUE;

  /**
   * The phases of {@link #run}, for a caller that overlaps the transfers of one attempt with the
   * command of another ({@link BundleRun}): {@link #fetch} the inputs, {@link #execute} the
   * command, {@link #deliver} the outputs and the report, then {@link #close}. Each phase but the
   * first runs only when the one before returned {@link #GO_ON}; any thread may run any phase, one
   * at a time.
   */
  int fetch() {
    return transferring(() -> fetchInputs(dir.resolve("work")));
  }

  /** Runs the command under the monitor (see {@link #fetch}). */
  int execute() {
    return command(dir.resolve("work"));
  }

  /** Checks and uploads the outputs, then makes the report (see {@link #fetch}). */
  int deliver() {
    int code = transferring(() -> afterCommand(dir.resolve("work"), summary, tail));
    return killed ? KILLED : code;
  }

  /**
   * Runs a phase that moves files, which {@link #kill} wakes: a transfer retrying a gone engine
   * would go on for seconds (and outlive an executor's SHUTDOWN).
   */
  private int transferring(java.util.function.IntSupplier phase) {
    synchronized (this) {
      if (killed) {
        return KILLED;
      }
      runner = Thread.currentThread();
    }
    try {
      return phase.getAsInt();
    } finally {
      synchronized (this) {
        runner = null;
      }
      Thread.interrupted(); // a kill's wake-up is spent: the caller's thread goes on clean
    }
  }

  /** Empties the attempt's directory (see {@link #fetch}); its {@link #dir} may then be reused. */
  void close() {
    empty(keepDir ? dir.resolve("work") : dir);
  }

  /** The attempt's directory. */
  Path dir() {
    return dir;
  }

  /** Kills the command's process tree, or stops the attempt before it starts one. */
  void kill() {
    Thread transfer;
    synchronized (this) { // the command and the transfers start under this lock only if not killed
      killed = true;
      transfer = runner;
    }
    TaskCommand p = process;
    if (p != null) {
      p.kill();
    }
    if (transfer != null && transfer != Thread.currentThread()) {
      transfer.interrupt(); // ends a transfer's back-off at once
    }
  }

  private int fetchInputs(Path work) {
    try {
      Files.createDirectories(work);
      if (spec.inputs().size() > Batches.FROM) {
        fetchBatched(work);
        return killed ? KILLED : GO_ON;
      }
      Transfers.each(
          spec.inputs(),
          in -> {
            if (killed) {
              return; // run() reports nothing for a killed attempt
            }
            Path target = inside(work, in.name());
            Files.createDirectories(target.getParent());
            if (cache != null) {
              cache.fetch(in, target, transfers);
            } else {
              transfers.download(in.url(), target);
            }
          });
      if (killed) {
        return KILLED;
      }
    } catch (IOException | RuntimeException e) {
      return report(LaunchReport.Outcome.INPUT_FAILED, LaunchSpec.EXIT_INPUT_FAILED, 0, e, "");
    } catch (InterruptedException e) {
      return LaunchSpec.EXIT_LAUNCHER;
    }
    return GO_ON;
  }

  /** Downloads the inputs in batches (a task with many; see {@link Batches#FROM}). */
  private void fetchBatched(Path work) throws IOException, InterruptedException {
    List<LaunchSpec.Transfer> files = new ArrayList<>(spec.inputs().size());
    List<Path> targets = new ArrayList<>(spec.inputs().size());
    List<Batches.Item> dirs = new ArrayList<>();
    for (LaunchSpec.Transfer in : spec.inputs()) {
      Path target = inside(work, in.name());
      if (!target.getParent().equals(work)) {
        Files.createDirectories(target.getParent());
      }
      if (in.directory()) {
        dirs.add(new Batches.Item(in.url(), target)); // a directory goes on its own request
      } else {
        files.add(in);
        targets.add(target);
      }
    }
    if (cache != null) {
      cache.fetchAll(files, targets, transfers);
    } else {
      List<Batches.Item> items = new ArrayList<>(targets.size());
      for (int i = 0; i < targets.size(); i++) {
        items.add(new Batches.Item(files.get(i).url(), targets.get(i)));
      }
      Batches.downloadAll(transfers, items);
    }
    Transfers.each(dirs, d -> transfers.download(d.url(), d.file()));
  }

  private int command(Path work) {
    if (killed) {
      return KILLED;
    }
    Path log = dir.resolve("task.log");
    MonitoredTask task = null;
    TaskCgroup group = null;
    boolean groupFree = false; // whether nothing of this task can still run in group
    try {
      TaskConfig config = new TaskConfig(spec.command(), limits(), work, false);
      if (groups == null) {
        task = monitor.prepare(name, config);
      } else {
        group = groups.take();
        task = monitor.prepare(name, config, group);
      }
      Map<String, String> env = new LinkedHashMap<>(extraEnv);
      env.putAll(spec.environment());
      synchronized (this) {
        if (killed) {
          task.abandon();
          groupFree = true;
          return KILLED;
        }
        // LaunchSpec.ENV unset: the command needs its own variables, not ours
        process =
            shells == null
                ? TaskCommand.spawn(spec.command(), work, env, LaunchSpec.ENV, log, task)
                : TaskCommand.pooled(shells, spec.command(), work, env, LaunchSpec.ENV, log, task);
      }
      if (killed) {
        kill(); // a kill that came between start and attach
      }
      int status = process.waitFor();
      summary = task.finish(ExitStatus.fromShell(status));
      groupFree = true;
    } catch (IOException e) {
      if (task != null) {
        task.abandon();
      }
      groupFree = process == null; // a started process may still run in the group
      return report(LaunchReport.Outcome.INPUT_FAILED, LaunchSpec.EXIT_LAUNCHER, 0, e, "");
    } catch (InterruptedException e) {
      kill();
      return LaunchSpec.EXIT_LAUNCHER;
    } finally {
      if (groups != null && groupFree) {
        groups.give(group);
      }
    }
    if (killed) {
      return KILLED;
    }
    tail = tail(log);
    return GO_ON;
  }

  private int afterCommand(Path work, Summary summary, String tail) {
    Integer early = beforeUpload(work, summary, tail);
    if (early != null) {
      return early;
    }
    try {
      Batches.uploadAny(transfers, outputItems(work), Batches.FROM);
    } catch (IOException | InterruptedException e) {
      return afterUpload(summary, e);
    }
    return afterUpload(summary, null);
  }

  /**
   * The checks of {@link #deliver} before its upload: the code of the report made when there is
   * nothing to upload (the command failed, an output is missing), or null when the outputs are to
   * be uploaded.
   */
  private Integer beforeUpload(Path work, Summary summary, String tail) {
    String json = SummaryJson.write(summary, false);
    if (!summary.limitsExceeded().isEmpty()) {
      return report(
          LaunchReport.Outcome.RESOURCE_EXHAUSTED,
          LaunchSpec.EXIT_RESOURCES,
          summary.signal(),
          "exceeded " + summary.limitsExceeded().keySet() + tail,
          json);
    }
    if (summary.signal() != 0) {
      return report(
          LaunchReport.Outcome.SIGNALED,
          summary.exitStatus(),
          summary.signal(),
          "killed by signal " + summary.signal() + tail,
          json);
    }
    int exit = summary.exitStatus();
    if (exit != 0) {
      return report(LaunchReport.Outcome.EXITED, exit, 0, "exited with " + exit + tail, json);
    }
    for (LaunchSpec.Transfer out : spec.outputs()) {
      Path made = inside(work, out.name());
      if (!Files.isRegularFile(made, LinkOption.NOFOLLOW_LINKS)
          && !Files.isDirectory(made, LinkOption.NOFOLLOW_LINKS)) {
        return report(
            LaunchReport.Outcome.OUTPUT_FAILED,
            LaunchSpec.EXIT_UPLOAD_FAILED,
            0,
            "output " + out.name() + " was not created" + tail,
            json);
      }
    }
    return null;
  }

  private List<Batches.Item> outputItems(Path work) {
    List<Batches.Item> items = new ArrayList<>(spec.outputs().size());
    for (LaunchSpec.Transfer out : spec.outputs()) {
      items.add(new Batches.Item(out.url(), inside(work, out.name())));
    }
    return items;
  }

  /** The report once the outputs were uploaded ({@code failure} null) or could not be. */
  private int afterUpload(Summary summary, Exception failure) {
    String json = SummaryJson.write(summary, false);
    return failure == null
        ? report(LaunchReport.Outcome.EXITED, 0, 0, "", json)
        : report(
            LaunchReport.Outcome.OUTPUT_FAILED, LaunchSpec.EXIT_UPLOAD_FAILED, 0, failure, json);
  }

  /**
   * {@link #deliver} for several attempts whose commands ran (a bundle's members, see {@link
   * BundleRun}): every output of those that made theirs goes in one upload (a batch past one file),
   * then each attempt's report is made. An upload that fails fails each of them as {@link #deliver}
   * would. Returns each attempt's code, in order; a kill of the first attempt wakes the upload.
   */
  static int[] deliverTogether(List<LaunchRun> runs) {
    int[] codes = new int[runs.size()];
    List<Integer> uploading = new ArrayList<>();
    List<Batches.Item> items = new ArrayList<>();
    for (int k = 0; k < runs.size(); k++) {
      LaunchRun r = runs.get(k);
      Path work = r.dir.resolve("work");
      Integer early = r.killed ? Integer.valueOf(KILLED) : r.beforeUpload(work, r.summary, r.tail);
      if (early != null) {
        codes[k] = early;
      } else {
        uploading.add(k);
        items.addAll(r.outputItems(work));
      }
    }
    if (uploading.isEmpty()) {
      return codes;
    }
    LaunchRun first = runs.get(uploading.getFirst());
    Exception[] failure = new Exception[1];
    int moved =
        first.transferring(
            () -> {
              try {
                Batches.uploadAny(first.transfers, items, 1);
              } catch (IOException | InterruptedException e) {
                failure[0] = e;
              }
              return 0;
            });
    if (moved == KILLED && failure[0] == null) {
      failure[0] = new java.io.InterruptedIOException("the upload was stopped by a kill");
    }
    for (int k : uploading) {
      LaunchRun r = runs.get(k);
      codes[k] = r.killed ? KILLED : r.afterUpload(r.summary, failure[0]);
    }
    return codes;
  }

  private int report(LaunchReport.Outcome o, int code, int signal, Exception e, String summary) {
    return report(o, code, signal, String.valueOf(e.getMessage()), summary);
  }

  /**
   * Uploads the report (or keeps it, see {@link Host}); returns {@code code}, or the upload
   * failure's code if it cannot.
   */
  private int report(LaunchReport.Outcome o, int code, int signal, String message, String summary) {
    if (killed) {
      return KILLED;
    }
    LaunchReport r = new LaunchReport(o, code, signal, message, summary);
    if (reportInUpdate) {
      report = r;
      return code;
    }
    try {
      transfers.uploadText(r.toJson(), dir.resolve("report.json"), spec.reportUrl());
      return code;
    } catch (IOException | InterruptedException e) {
      System.err.println("shoal: cannot upload the report of " + name + ": " + e.getMessage());
      return LaunchSpec.EXIT_UPLOAD_FAILED;
    }
  }

  private Limits limits() {
    Map<Resource, Double> m = new EnumMap<>(Resource.class);
    if (spec.memoryMb() > 0) {
      m.put(Resource.MEMORY, (double) spec.memoryMb());
    }
    if (spec.diskMb() > 0) {
      m.put(Resource.DISK, (double) spec.diskMb());
    }
    if (spec.wallTimeSec() > 0) {
      m.put(Resource.WALL_TIME, (double) spec.wallTimeSec());
    }
    return m.isEmpty() ? Limits.NONE : new Limits(m);
  }

  /** The last bytes of the command's output, for the engine's message. */
  private static String tail(Path log) {
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.max(0, f.length() - TAIL);
      byte[] b = new byte[(int) (f.length() - from)];
      f.seek(from);
      f.readFully(b);
      String s = new String(b, StandardCharsets.UTF_8).strip();
      return s.isEmpty() ? "" : "; output: " + s;
    } catch (IOException e) {
      return "";
    }
  }

  /** The path of task name {@code name} in {@code dir}; refuses names that leave it. */
  static Path inside(Path dir, String name) {
    Path p = dir.resolve(name).normalize();
    if (Path.of(name).isAbsolute() || !p.startsWith(dir) || p.equals(dir)) {
      throw new IllegalArgumentException(
          "file name " + name + " points outside the task directory — use a relative name");
    }
    return p;
  }

  /**
   * Deletes everything in {@code dir}, keeping {@code dir} (challenge 4: Mesos keeps sandboxes for
   * a week). Links are removed, never followed.
   */
  static void empty(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        if (!p.equals(dir)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      System.err.println("shoal: cannot empty " + dir + ": " + e.getMessage());
    }
  }
}
