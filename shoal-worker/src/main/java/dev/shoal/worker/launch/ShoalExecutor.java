package dev.shoal.worker.launch;

import dev.shoal.jx.JxObject;
import dev.shoal.monitor.TaskMonitor;
import dev.shoal.monitor.exec.ShellPool;
import dev.shoal.worker.TopDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Mesos custom executor for short tasks, started once per agent per run: it speaks the v1
 * Executor HTTP API to its agent ({@code POST /api/v1/executor}) and runs every LAUNCHed task in
 * this JVM as a {@link LaunchRun} of the {@link LaunchSpec} in the task's {@code data}, so that a
 * task costs milliseconds instead of an executor start.
 *
 * <ul>
 *   <li>SUBSCRIBE opens the event stream; a lost stream is resubscribed (with the tasks and updates
 *       not yet acknowledged) when the framework checkpoints, within {@code
 *       MESOS_RECOVERY_TIMEOUT}; otherwise the executor kills its tasks and exits, as Mesos
 *       expects.
 *   <li>Each task runs on its own thread in a directory {@code <sandbox>/tasks/<n>} of {@link
 *       TaskDirs} (its {@code work/} emptied at the task's end, the directory kept for a later
 *       task), its command in a long-lived shell of a {@link ShellPool} (a fork per task, not a
 *       process launch from the JVM), and sends TASK_RUNNING (once it has run {@link
 *       #RUNNING_AFTER}) and then TASK_FINISHED, TASK_FAILED ({@code Command exited with status N},
 *       as the command executor words it; with the task's report as {@code data}) or TASK_KILLED,
 *       each with a fresh uuid, kept until ACKNOWLEDGED. No TASK_STARTING, and no TASK_RUNNING for
 *       a task that ends sooner: both are optional in Mesos, and for a task of a few milliseconds
 *       each would cost an update, its acknowledgement and the agent's ACKNOWLEDGED.
 *   <li>A task whose data is a {@link LaunchBundle} runs several rules as a {@link BundleRun}:
 *       their commands in order, their transfers overlapping the commands, each member's report
 *       sent in a TASK_RUNNING every {@link #REPORT_EVERY} and the rest in the terminal update
 *       (TASK_FINISHED once all ran, whatever each member's outcome).
 *   <li>KILL kills the task's process tree; SHUTDOWN kills all, sends their TASK_KILLED, empties
 *       the sandbox and exits.
 * </ul>
 *
 * <p>Threading: one reader thread handles the events; task threads send their own updates. The
 * unacknowledged tasks and updates are guarded by {@code this}.
 */
public final class ShoalExecutor {
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A task reports TASK_RUNNING once it has run this long: one that ends sooner goes from STAGING
   * straight to its terminal state, which Mesos allows, and saves an update, its acknowledgement
   * and the agent's ACKNOWLEDGED — a third of a short task's status traffic.
   */
  static final Duration RUNNING_AFTER = Duration.ofMillis(50);

  /**
   * A bundle's members that ended are reported this often, in one TASK_RUNNING carrying their
   * {@link BundleReports}: the engine learns of them soon, and a bundle lost later reruns only the
   * members not yet reported, while a short member costs a fraction of an update.
   */
  static final Duration REPORT_EVERY = Duration.ofMillis(100);

  /** Inputs kept for later tasks at most (then only downloaded per task). */
  private static final long CACHE_BYTES = 1L << 30;

  private final AgentClient agent;
  private final AgentCalls.Sender sender;
  private final Path sandbox;
  private final TaskMonitor monitor;
  private final boolean checkpoint;
  private final Duration recoveryTimeout;

  /** What stops each running task (a {@link LaunchRun} or a {@link BundleRun}), by task id. */
  private final Map<String, Runnable> running = new LinkedHashMap<>();

  private final Map<String, JxObject> unacknowledgedTasks = new LinkedHashMap<>();
  private final Map<String, JxObject> unacknowledgedUpdates = new LinkedHashMap<>();
  private final AtomicInteger launched = new AtomicInteger();
  private final CgroupPool groups;
  private final TaskDirs dirs;
  private final LaunchRun.Host host;
  private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("executor-running").unstarted(r));
  private int sending; // updates taken from the outbox and not yet answered
  private volatile boolean shuttingDown;
  private String agentId = "";

  ShoalExecutor(
      AgentClient agent,
      AgentCalls.Sender sender,
      Path sandbox,
      TaskMonitor monitor,
      ShellPool shells,
      boolean checkpoint,
      Duration recoveryTimeout) {
    this.agent = agent;
    this.sender = sender;
    this.sandbox = sandbox;
    this.monitor = monitor;
    this.checkpoint = checkpoint;
    this.recoveryTimeout = recoveryTimeout;
    this.groups = new CgroupPool(monitor, "shoal-exec-" + ProcessHandle.current().pid() + "-g");
    String tag = tag();
    this.host =
        new LaunchRun.Host(
            new InputCache(sandbox.resolve("cache-" + tag), CACHE_BYTES),
            groups,
            true,
            shells,
            true);
    this.dirs = new TaskDirs(sandbox.resolve("tasks"), tag);
  }

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    String endpoint = env.get("MESOS_AGENT_ENDPOINT");
    String framework = env.get("MESOS_FRAMEWORK_ID");
    String executor = env.get("MESOS_EXECUTOR_ID");
    if (endpoint == null || framework == null || executor == null) {
      System.err.println(
          "shoal executor: MESOS_AGENT_ENDPOINT, MESOS_FRAMEWORK_ID and MESOS_EXECUTOR_ID must be"
              + " set — run me as a Mesos executor (ExecutorInfo of -T mesos)");
      System.exit(2);
    }
    String dir = env.getOrDefault("MESOS_SANDBOX", env.getOrDefault("MESOS_DIRECTORY", "."));
    Path sandbox = Path.of(dir).toAbsolutePath().normalize();
    TopDir spread = spreadOut(sandbox);
    ShellPool shells;
    try {
      shells = new ShellPool();
    } catch (IOException e) {
      System.err.println(
          "shoal executor: cannot create the directory of the task shells in "
              + System.getProperty("java.io.tmpdir")
              + ": "
              + e.getMessage()
              + " — check that it exists and is writable (java.io.tmpdir)");
      LaunchRun.empty(sandbox);
      System.exit(1);
      return;
    }
    int code;
    try (TaskMonitor monitor =
        TaskMonitor.start(TaskMonitor.Options.system(Duration.ofMillis(250)))) {
      spread.await();
      code =
          new ShoalExecutor(
                  new AgentClient(endpoint),
                  new AgentCalls.Sender(framework, executor),
                  sandbox,
                  monitor,
                  shells,
                  "1".equals(env.get("MESOS_CHECKPOINT")),
                  MesosDurations.parse(env.get("MESOS_RECOVERY_TIMEOUT"), Duration.ofMinutes(15)))
              .run();
    }
    try {
      // Its shells end before it: none outlives the executor, their CPU time counts as its own.
      if (!shells.close(Duration.ofSeconds(2))) {
        System.err.println("shoal executor: a task shell did not exit within 2 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LaunchRun.empty(sandbox); // the executor's stdout and stderr too (challenge 4)
    System.exit(code);
  }

  /**
   * Starts marking the sandbox and its {@code tasks/} as top directories ({@link TopDir}): the
   * input cache and every task directory ({@link TaskDirs}) then land in block groups of their own,
   * away from the files a split task or an earlier executor removed.
   */
  private static TopDir spreadOut(Path sandbox) {
    Path tasks = sandbox.resolve("tasks");
    try {
      Files.createDirectories(tasks);
    } catch (IOException e) {
      return TopDir.start(List.of(sandbox), m -> {}); // the first task reports a sandbox problem
    }
    return TopDir.start(List.of(sandbox, tasks), m -> {});
  }

  /** A name part of this executor's own (see {@link TaskDirs}). */
  private static String tag() {
    return Long.toHexString(RANDOM.nextLong() >>> 32);
  }

  /** Serves the agent until SHUTDOWN or a lost agent; returns the exit code. */
  int run() {
    try {
      return serve();
    } finally {
      groups.close(); // kills what a task left running in its group
    }
  }

  private int serve() {
    Thread.ofPlatform().daemon().name("executor-updates").start(this::sendUpdates);
    long lostSince = 0;
    long backoffMs = 100;
    while (!shuttingDown) {
      String subscribe;
      synchronized (this) {
        subscribe =
            AgentCalls.subscribe(
                sender, unacknowledgedTasks.values(), unacknowledgedUpdates.values());
      }
      AgentClient.Stream stream = null;
      try {
        stream = agent.subscribe(subscribe);
        lostSince = 0;
        backoffMs = 100;
        for (String json = stream.next(); json != null; json = stream.next()) {
          handle(json);
          if (shuttingDown) {
            return 0; // the stream stays open: the agent ends it when this process is gone
          }
        }
      } catch (IOException e) {
        log("lost the agent: " + e.getMessage());
      }
      if (stream != null) {
        stream.close();
      }
      if (shuttingDown) {
        break;
      }
      long now = System.nanoTime();
      lostSince = lostSince == 0 ? now : lostSince;
      if (!checkpoint || now - lostSince > recoveryTimeout.toNanos()) {
        log("the agent is gone" + (checkpoint ? " for " + recoveryTimeout : "") + ": exiting");
        killAll();
        return 1;
      }
      try {
        Thread.sleep(backoffMs);
      } catch (InterruptedException e) {
        return 1;
      }
      backoffMs = Math.min(backoffMs * 2, 2000);
    }
    return 0;
  }

  private void handle(String json) {
    AgentEvent event;
    try {
      event = AgentEvent.parse(json);
    } catch (IllegalArgumentException e) {
      log("ignored a malformed event: " + e.getMessage());
      return;
    }
    switch (event) {
      case AgentEvent.Subscribed s -> agentId = s.agentId();
      case AgentEvent.Launch l -> launch(l);
      case AgentEvent.Kill k -> kill(k.taskId());
      case AgentEvent.Acknowledged a -> acknowledged(a);
      case AgentEvent.Shutdown s -> shutdown();
      case AgentEvent.Error e -> log("the agent reports an error: " + e.message());
      case AgentEvent.Other o -> {}
    }
  }

  private void launch(AgentEvent.Launch l) {
    String id = l.taskId();
    Object what;
    try {
      if (l.data() == null) {
        throw new IllegalArgumentException("the task has no data");
      }
      what = LaunchBundle.parseTaskData(l.data());
    } catch (IllegalArgumentException e) {
      update(id, "TASK_FAILED", "not a Shoal task: " + e.getMessage());
      return;
    }
    Path dir; // a single task's; a bundle takes one per member in progress
    Runnable body;
    Runnable kill;
    if (what instanceof LaunchBundle b) {
      dir = null;
      BundleRun bundle =
          new BundleRun(
              b.members().size(),
              i -> runOf(b.members().get(i), id, dirs.take()),
              dirs::give,
              () ->
                  host.cache()
                      .prefetch(
                          b.members().stream().flatMap(m -> m.inputs().stream()).toList(),
                          new Transfers(8)));
      body = () -> runBundle(id, bundle, b.members().size());
      kill = bundle::kill;
    } else {
      dir = dirs.take();
      LaunchRun run = runOf((LaunchSpec) what, id, dir);
      body = () -> runTask(id, run, dir);
      kill = run::kill;
    }
    synchronized (this) {
      if (running.containsKey(id) || shuttingDown) {
        if (dir != null) {
          dirs.give(dir);
        }
        return; // a LAUNCH repeated after a resubscription, or too late
      }
      running.put(id, kill);
      unacknowledgedTasks.put(id, l.task());
    }
    Thread.ofPlatform().daemon().name("task-" + id).start(body);
  }

  private LaunchRun runOf(LaunchSpec spec, String taskId, Path dir) {
    return new LaunchRun(
        spec,
        dir,
        monitor,
        "shoal-exec-" + ProcessHandle.current().pid() + "-" + launched.incrementAndGet(),
        Map.of("MESOS_TASK_ID", taskId, "MESOS_SANDBOX", dir.resolve("work").toString()),
        host);
  }

  /**
   * Runs a bundle's members in order, reporting those that ended every {@link #REPORT_EVERY} in a
   * TASK_RUNNING and the rest in the terminal update: TASK_FINISHED once every member ran (each
   * member's own outcome is in its report), TASK_KILLED when it was killed.
   */
  private void runBundle(String id, BundleRun bundle, int size) {
    ReportNotice notice = new ReportNotice(id, bundle);
    long every = REPORT_EVERY.toMillis();
    ScheduledFuture<?> pending =
        timer.scheduleWithFixedDelay(notice, every, every, TimeUnit.MILLISECONDS);
    int code = bundle.run();
    pending.cancel(false);
    notice.end(); // from here on no TASK_RUNNING can follow the terminal update
    String rest = new BundleReports(bundle.drain()).toJson();
    if (code == LaunchRun.KILLED) {
      update(id, "TASK_KILLED", "Command terminated with signal Killed", rest);
    } else {
      update(id, "TASK_FINISHED", "Bundle of " + size + " rules ran", rest);
    }
    synchronized (this) {
      running.remove(id);
      notifyAll();
    }
  }

  /**
   * The coalesced TASK_RUNNING of a bundle: the reports of the members that ended since the last
   * one, if any. Its lock orders it before the terminal update.
   */
  private final class ReportNotice implements Runnable {
    private final String taskId;
    private final BundleRun bundle;
    private boolean ended;

    ReportNotice(String taskId, BundleRun bundle) {
      this.taskId = taskId;
      this.bundle = bundle;
    }

    @Override
    public synchronized void run() {
      if (ended) {
        return;
      }
      Map<Integer, LaunchReport> done = bundle.drain();
      if (!done.isEmpty()) {
        update(taskId, "TASK_RUNNING", null, new BundleReports(done).toJson());
      }
    }

    synchronized void end() {
      ended = true;
    }
  }

  private void runTask(String id, LaunchRun run, Path dir) {
    RunningNotice notice = new RunningNotice(id);
    ScheduledFuture<?> pending =
        timer.schedule(notice, RUNNING_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    int code = run.run();
    pending.cancel(false);
    notice.end(); // from here on no TASK_RUNNING can follow the terminal update
    dirs.give(dir); // emptied but for the log, which the next task overwrites
    if (code == LaunchRun.KILLED) {
      update(id, "TASK_KILLED", "Command terminated with signal Killed");
    } else if (code == 0) {
      update(id, "TASK_FINISHED", "Command exited with status 0", run.report());
    } else {
      update(id, "TASK_FAILED", "Command exited with status " + code, run.report());
    }
    synchronized (this) {
      running.remove(id); // after its last update is queued: SHUTDOWN waits for both
      notifyAll();
    }
  }

  /**
   * The TASK_RUNNING of one task, sent when it has run {@link #RUNNING_AFTER} unless it ended
   * first. Its lock orders it before the terminal update.
   */
  private final class RunningNotice implements Runnable {
    private final String taskId;
    private boolean ended;

    RunningNotice(String taskId) {
      this.taskId = taskId;
    }

    @Override
    public synchronized void run() {
      if (!ended) {
        update(taskId, "TASK_RUNNING", null);
      }
    }

    synchronized void end() {
      ended = true;
    }
  }

  private void kill(String id) {
    Runnable kill;
    synchronized (this) {
      kill = running.get(id);
    }
    if (kill != null) {
      kill.run();
    }
  }

  private void acknowledged(AgentEvent.Acknowledged a) {
    synchronized (this) {
      unacknowledgedUpdates.remove(a.uuid());
      unacknowledgedTasks.remove(a.taskId());
    }
  }

  /** Kills every task and waits (within the shutdown grace period) for their KILLED updates. */
  private void shutdown() {
    log("SHUTDOWN: killing " + running.size() + " tasks and exiting");
    shuttingDown = true;
    killAll();
  }

  private void killAll() {
    List<Runnable> kills;
    synchronized (this) {
      kills = List.copyOf(running.values());
    }
    kills.forEach(Runnable::run);
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    synchronized (this) {
      // Until every task has ended and its last update has been handed to the agent.
      while ((!running.isEmpty() || !outbox.isEmpty() || sending > 0)
          && System.nanoTime() < deadline) {
        try {
          wait(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Sends a status update with a fresh uuid and keeps it until it is acknowledged. */
  private void update(String taskId, String state, String message) {
    update(taskId, state, message, null);
  }

  /**
   * Sends a status update with a fresh uuid (and {@code data}, the task's report, if not null) and
   * keeps it until it is acknowledged.
   */
  private void update(String taskId, String state, String message, String data) {
    byte[] uuid = new byte[16];
    RANDOM.nextBytes(uuid);
    String u = Base64.getEncoder().encodeToString(uuid);
    JxObject status =
        AgentCalls.status(
            sender, taskId, state, u, message, data, System.currentTimeMillis() / 1000.0);
    String call = AgentCalls.update(sender, status);
    synchronized (this) {
      unacknowledgedUpdates.put(u, status);
      outbox.add(call);
      notifyAll();
    }
  }

  /**
   * Posts the updates in the order they were made, on one thread, so that a task never waits for
   * the agent's answer (it would for each of its three updates).
   */
  private void sendUpdates() {
    while (true) {
      String call;
      synchronized (this) {
        // Taken and counted as sending in one step: killAll must never see neither (it would let
        // the executor exit before its last update reached the agent).
        while (outbox.isEmpty()) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        call = outbox.poll();
        sending++;
      }
      try {
        agent.send(call);
      } catch (IOException e) {
        // Kept among the unacknowledged: it goes to the agent again in the next SUBSCRIBE.
        log("cannot send an update: " + e.getMessage());
      } finally {
        synchronized (this) {
          sending--;
          notifyAll();
        }
      }
    }
  }

  private void log(String message) {
    System.err.println("shoal executor " + sender.executorId() + " on " + agentId + ": " + message);
  }
}
