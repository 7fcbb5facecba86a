package dev.shoal.engine.run;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.log.FileStatus;
import dev.shoal.engine.log.NodeStatus;
import dev.shoal.engine.spi.Backend;
import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.EventSink;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The run loop: the one writer of workflow state.
 *
 * <p>Back ends post events to this engine's queue from any thread. The loop thread (the caller of
 * {@link #run()}) takes them in batches, updates the {@link RunState}, appends what changed to the
 * {@link Journal} and writes it to the operating system; a thread beside the loop forces it to the
 * device (group commit: one fsync covers every batch written before it), and only when the batch is
 * durable does the loop act on it: collect garbage and dispatch the rules that became ready. Rules
 * that were ready already do not depend on it and are dispatched into freed slots at once. {@link
 * #abort()} may be called from any thread (a signal handler).
 */
public final class Engine {
  /** The size logged for an expected file without a .SIZE hint, as makeflow does: 1 GiB. */
  private static final long SIZE_HINT = 1L << 30;

  /** Created on first use: setting up logging costs start-up time that most runs never need. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(Engine.class.getName());
  }

  private final Dag dag;
  private final Path workDir;
  private final EngineOptions options;
  private final Journal journal;
  private final CommandBuilder commands;
  private final List<RunListener> listeners;
  private final LongSupplier micros;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Backend local;
  private final Backend remote;
  private final Map<Long, Running> running = new HashMap<>();
  private final Map<Integer, String> jobIds = new HashMap<>();
  private final RunState state;

  /** Rules made ready by the completions of the batch at hand. */
  private final IntQueue released = new IntQueue();

  /** Files made collectable by the completions of the batch at hand. */
  private final IntQueue collectable = new IntQueue();

  /** Ready remote rules held back while their category learns its allocation. */
  private IntQueue heldBack = new IntQueue();

  private boolean heldMayGo;

  private final GroupCommit commit;

  private final Recovery.Plan plan;
  private final GarbageCollector gc;
  private final RuleOutputs outputs;
  private final Slots slots;
  private final Allocations allocations;
  private volatile boolean abortRequested;
  private ScheduledExecutorService timer;
  private long nextTaskId;
  private int pendingRechecks;
  private boolean failed;
  private boolean aborting;
  private int attemptsEnded;
  private int failedRules;
  private int backlogReported = -1;

  /** A task handed to a back end and not yet finished. */
  private record Running(
      int rule, boolean local, Resources held, long deadlineMicros, boolean learning) {}

  /** An output was missing; look again at {@code deadline}. */
  private record Recheck(TaskId id, TaskResult result) {}

  private record Wake() {}

  /**
   * @param dag the workflow
   * @param workDir the workflow directory: file names are relative to it
   * @param plan what recovery decided: rules already complete, rules to reset, stale jobs
   * @param options limits and policies
   * @param journal where state changes are recorded
   * @param localBackend makes the back end for local rules, given the sink it posts to
   * @param remoteBackend makes the back end for other rules, or {@code null} to use the local one;
   *     when it throws, the local back end is closed and the exception passes on
   * @param commands turns rules into commands
   * @param listeners observers, called on the loop thread
   * @param micros the clock, Unix microseconds
   */
  public Engine(
      Dag dag,
      Path workDir,
      Recovery.Plan plan,
      EngineOptions options,
      Journal journal,
      Function<EventSink, Backend> localBackend,
      Function<EventSink, Backend> remoteBackend,
      CommandBuilder commands,
      List<RunListener> listeners,
      LongSupplier micros) {
    this.dag = dag;
    this.workDir = workDir;
    this.options = options;
    this.journal = journal;
    this.commands = commands;
    this.listeners = List.copyOf(listeners);
    this.micros = micros;
    this.plan = plan;
    this.state = new RunState(dag, plan.complete());
    EventSink sink = queue::add;
    this.commit = new GroupCommit(journal, queue::add);
    this.local = localBackend.apply(sink);
    Backend r;
    try {
      r = remoteBackend == null ? local : remoteBackend.apply(sink);
    } catch (RuntimeException e) {
      // The remote back end could not start (a port in use): the local one must not leak.
      local.close();
      throw e;
    }
    this.remote = r;
    this.gc = new GarbageCollector(dag, workDir, options.gc(), journal, micros);
    this.outputs = new RuleOutputs(dag, workDir, options.zeroLengthError());
    this.slots = new Slots(options);
    LocalLimits lim = options.limits();
    this.allocations =
        new Allocations(
            dag.workflow(),
            options.allocationMode(),
            new Resources(
                lim.cores(),
                lim.memoryMb(),
                lim.diskMb() == Long.MAX_VALUE ? Resources.UNSET : lim.diskMb(),
                Resources.UNSET,
                Resources.UNSET,
                Resources.UNSET));
  }

  /** Asks the run to stop: running tasks are killed, the run ends ABORTED. Thread-safe. */
  public void abort() {
    abortRequested = true;
    queue.add(new Wake());
  }

  /**
   * Runs the workflow to its end. Returns how it ended; throws only when the journal cannot be
   * written (then nothing more is dispatched and running tasks are stopped).
   */
  public RunOutcome run() throws IOException {
    long start = micros.getAsLong();
    try {
      applyRecovery();
      journal.marker(Journal.Marker.STARTED);
      for (int f = 0; f < dag.fileCount(); f++) {
        if (dag.producer(f) >= 0 && state.refs(f) == 0 && isDoneProducer(f)) {
          gc.offer(f);
        }
      }
      dispatch();
      reportBacklog();
      while (!running.isEmpty() || pendingRechecks > 0 || commit.pending()) {
        List<Object> batch = new ArrayList<>();
        try {
          batch.add(queue.take());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          abort();
          continue;
        }
        queue.drainTo(batch);
        boolean ended = false;
        for (Object event : batch) {
          ended |= !(event instanceof BackendEvent.Started || event instanceof GroupCommit.Synced);
          handle(event);
        }
        if (abortRequested && !aborting) {
          startAbort();
        }
        // Rules that were ready before this batch do not depend on it: fill the freed slots
        // with them while the batch's records go to the device.
        dispatch();
        reportBacklog();
        journal.writeThrough();
        if (ended) {
          // What the completions allow (dependants, garbage) waits until they are durable.
          commit.written(drain(released), drain(collectable));
        }
      }
      RunOutcome.Status status;
      if (aborting || abortRequested) {
        status = RunOutcome.Status.ABORTED;
      } else if (failed || state.count(NodeStatus.COMPLETE) < dag.ruleCount()) {
        status = RunOutcome.Status.FAILED;
      } else {
        status = RunOutcome.Status.COMPLETED;
        gc.collect(true);
      }
      journal.flush();
      journal.marker(
          switch (status) {
            case COMPLETED -> Journal.Marker.COMPLETED;
            case FAILED -> Journal.Marker.FAILED;
            case ABORTED -> Journal.Marker.ABORTED;
          });
      RunOutcome outcome =
          new RunOutcome(
              status,
              dag.ruleCount(),
              state.count(NodeStatus.COMPLETE),
              attemptsEnded,
              failedRules,
              micros.getAsLong() - start);
      listeners.forEach(l -> l.finished(outcome));
      return outcome;
    } finally {
      if (timer != null) {
        timer.shutdownNow();
      }
      commit.close();
      if (remote != local) {
        remote.close();
      }
      local.close();
    }
  }

  /** Stops stale jobs, deletes the outputs of reset rules and logs them as waiting again. */
  private void applyRecovery() throws IOException {
    for (Recovery.StaleJob job : plan.stale()) {
      Rule rule = dag.rule(job.rule());
      (rule.local() ? local : remote).removeStale(job.jobId(), commands.command(rule));
    }
    for (String note : plan.notes()) {
      listeners.forEach(l -> l.note(note));
    }
    for (int r : plan.reset()) {
      outputs.delete(r);
      journal.node(r, NodeStatus.WAITING, "0", state.counts());
    }
    journal.flush();
  }

  private boolean isDoneProducer(int file) {
    return state.status(dag.producer(file)) == NodeStatus.COMPLETE;
  }

  private void handle(Object event) {
    switch (event) {
      case BackendEvent.Started s -> onStarted(s);
      case BackendEvent.Finished f -> onFinished(f.taskId(), f.result());
      case Recheck r -> {
        pendingRechecks--;
        onFinished(r.id(), r.result());
      }
      case Wake w -> {}
      case GroupCommit.Synced s -> onSynced(s);
      default -> throw new IllegalStateException("unknown event " + event);
    }
  }

  /** Acts on what the force made durable: dependants become ready, garbage collectable. */
  private void onSynced(GroupCommit.Synced s) {
    for (GroupCommit.Durable d : commit.onSynced(s)) {
      for (int r : d.rules()) {
        state.ready.add(r);
      }
      for (int f : d.files()) {
        gc.offer(f);
      }
    }
    if (!aborting) {
      gc.collect(false);
      dispatch();
    }
  }

  private static int[] drain(IntQueue q) {
    int[] out = new int[q.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = q.poll();
    }
    return out;
  }

  private void onStarted(BackendEvent.Started s) {
    Running run = running.get(s.taskId().value());
    if (run != null) {
      jobIds.put(run.rule(), s.jobId());
      journal.node(run.rule(), NodeStatus.RUNNING, s.jobId(), state.counts());
    }
  }

  private void onFinished(TaskId id, TaskResult result) {
    Running run = running.get(id.value());
    if (run == null) {
      Log.LOG.log(System.Logger.Level.WARNING, "result for unknown task {0} ignored", id);
      return;
    }
    int rule = run.rule();
    if (aborting || result.outcome() == TaskResult.Outcome.CANCELLED) {
      end(id, run);
      state.set(rule, NodeStatus.ABORTED);
      journal.node(rule, NodeStatus.ABORTED, jobIds.getOrDefault(rule, "0"), state.counts());
      jobIds.remove(rule);
      return;
    }
    allocations
        .learn(dag.rule(rule), result)
        .ifPresent(
            change -> {
              journal.allocation(change.category(), change.after());
              listeners.forEach(l -> l.note(change.describe()));
            });
    if (result.outcome() == TaskResult.Outcome.RESOURCE_EXHAUSTED) {
      end(id, run);
      exhausted(rule, result);
      return;
    }
    TaskResult outcome = result;
    if (result.succeeded()) {
      String missing = outputs.missing(rule);
      if (missing == null) {
        end(id, run);
        complete(rule, result);
        return;
      }
      if (micros.getAsLong() < run.deadlineMicros()) {
        recheckLater(id, result);
        return;
      }
      outcome =
          new TaskResult(
              TaskResult.Outcome.BACKEND_ERROR,
              result.exitCode(),
              0,
              result.startMicros(),
              result.endMicros(),
              result.measured(),
              missing);
    }
    end(id, run);
    failAttempt(rule, outcome);
  }

  private void end(TaskId id, Running run) {
    running.remove(id.value());
    attemptsEnded++;
    slots.give(run.local(), run.held());
    if (run.learning()) {
      allocations.unqueued(dag.rule(run.rule()));
      heldMayGo = true;
    }
  }

  private void recheckLater(TaskId id, TaskResult result) {
    if (timer == null) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "shoal-output-recheck");
                t.setDaemon(true);
                return t;
              });
    }
    pendingRechecks++;
    timer.schedule(() -> queue.add(new Recheck(id, result)), 250, TimeUnit.MILLISECONDS);
  }

  private void complete(int rule, TaskResult result) {
    dag.forEachTarget(
        rule,
        f -> {
          journal.file(dag.fileName(f), FileStatus.EXISTS, outputs.size(f));
          if (state.refs(f) == 0) {
            collectable.add(f);
          }
          dag.forEachConsumer(
              f,
              c -> {
                if (state.satisfy(c) && state.status(c) == NodeStatus.WAITING) {
                  released.add(c);
                }
              });
        });
    dag.forEachSource(
        rule,
        f -> {
          if (state.release(f) == 0 && dag.producer(f) >= 0) {
            journal.file(dag.fileName(f), FileStatus.COMPLETE, 0);
            collectable.add(f);
          }
        });
    state.set(rule, NodeStatus.COMPLETE);
    journal.node(rule, NodeStatus.COMPLETE, jobIds.getOrDefault(rule, "0"), state.counts());
    jobIds.remove(rule);
    Journal.Counts counts = state.counts();
    listeners.forEach(l -> l.ruleEnded(rule, result, true, false, counts));
  }

  /** An attempt used more than it was given: again at the category maximum, or a failure. */
  private void exhausted(int rule, TaskResult result) {
    if (allocations.exhausted(dag.rule(rule), result) == Allocations.Exhausted.RETRY_AT_MAX) {
      outputs.delete(rule);
      state.set(rule, NodeStatus.WAITING);
      journal.node(rule, NodeStatus.WAITING, jobIds.getOrDefault(rule, "0"), state.counts());
      jobIds.remove(rule);
      state.ready.add(rule);
      Journal.Counts counts = state.counts();
      listeners.forEach(l -> l.ruleEnded(rule, result, false, true, counts));
    } else {
      failFor(rule, result);
    }
  }

  private void failAttempt(int rule, TaskResult result) {
    int failures = state.fail(rule);
    boolean retry =
        options
            .retry()
            .retries(failures, result.exitCode(), result.outcome() == TaskResult.Outcome.EXITED);
    if (retry) {
      outputs.delete(rule);
      state.set(rule, NodeStatus.WAITING);
      journal.node(rule, NodeStatus.WAITING, jobIds.getOrDefault(rule, "0"), state.counts());
      jobIds.remove(rule);
      state.ready.add(rule);
    } else {
      failFor(rule, result);
      return;
    }
    Journal.Counts counts = state.counts();
    listeners.forEach(l -> l.ruleEnded(rule, result, false, retry, counts));
  }

  /** {@code rule} failed for good: no new rule starts, its outputs are set aside. */
  private void failFor(int rule, TaskResult result) {
    state.set(rule, NodeStatus.FAILED);
    journal.node(rule, NodeStatus.FAILED, jobIds.getOrDefault(rule, "0"), state.counts());
    jobIds.remove(rule);
    failed = true;
    failedRules++;
    if (options.saveFailedOutput()) {
      outputs.setAside(rule);
    } else {
      outputs.delete(rule);
    }
    Journal.Counts counts = state.counts();
    listeners.forEach(l -> l.ruleEnded(rule, result, false, false, counts));
  }

  private void startAbort() {
    aborting = true;
    String msg = "aborting: stopping " + running.size() + " running rule(s)";
    listeners.forEach(l -> l.note(msg));
    for (Map.Entry<Long, Running> e : running.entrySet()) {
      TaskId id = new TaskId(e.getKey());
      (e.getValue().local() ? local : remote).cancel(id);
    }
  }

  private void dispatch() {
    if (abortRequested && !aborting) {
      startAbort();
    }
    if (heldMayGo) {
      heldMayGo = false;
      IntQueue again = heldBack;
      heldBack = new IntQueue();
      while (!again.isEmpty()) {
        state.ready.add(again.poll());
      }
    }
    while (!failed && !aborting && !state.ready.isEmpty()) {
      int r = state.ready.peek();
      Rule rule = dag.rule(r);
      boolean isLocal = rule.local() || remote == local;
      if (!slots.free(isLocal)) {
        return;
      }
      if (!isLocal && !allocations.mayQueue(rule)) {
        heldBack.add(state.ready.poll());
        continue;
      }
      Resources allocation = allocations.allocate(rule);
      Resources held = isLocal ? Slots.localHold(allocation) : Resources.NONE;
      if (isLocal && !slots.fits(held)) {
        if (slots.running(true) > 0) {
          return;
        }
        state.ready.poll();
        refuse(r, held);
        continue;
      }
      state.ready.poll();
      submit(r, rule, isLocal, held, allocation);
    }
  }

  /** Tells the remote back end how many rules are still to come, when that changed. */
  private void reportBacklog() {
    int n = failed || aborting ? 0 : state.count(NodeStatus.WAITING);
    if (n != backlogReported) {
      backlogReported = n;
      remote.backlog(n);
    }
  }

  private void refuse(int r, Resources held) {
    String msg = slots.refusal(r, held);
    long now = micros.getAsLong();
    TaskResult result =
        new TaskResult(TaskResult.Outcome.BACKEND_ERROR, -1, 0, now, now, Resources.NONE, msg);
    state.set(r, NodeStatus.FAILED);
    journal.node(r, NodeStatus.FAILED, "0", state.counts());
    failed = true;
    failedRules++;
    Journal.Counts counts = state.counts();
    listeners.forEach(l -> l.ruleEnded(r, result, false, false, counts));
  }

  private void submit(int r, Rule rule, boolean isLocal, Resources held, Resources allocation) {
    TaskId id = new TaskId(++nextTaskId);
    long deadline = micros.getAsLong() + options.waitForFiles().toNanos() / 1000;
    boolean learning = !isLocal && allocations.queued(rule);
    running.put(id.value(), new Running(r, isLocal, held, deadline, learning));
    slots.take(isLocal, held);
    state.set(r, NodeStatus.RUNNING);
    if (!allocation.isEmpty()) {
      journal.taskAllocation(r, isLocal ? held : allocation);
    }
    dag.forEachTarget(
        r,
        f ->
            journal.file(
                dag.fileName(f),
                FileStatus.EXPECT,
                dag.workflow().sizeHints().getOrDefault(dag.fileName(f), SIZE_HINT)));
    TaskSpec spec =
        new TaskSpec(
            id,
            r,
            commands.command(rule),
            workDir,
            rule.sources(),
            rule.targets(),
            rule.environment(),
            allocation,
            rule.category(),
            rule.batchOptions());
    (isLocal ? local : remote).submit(spec);
    Journal.Counts counts = state.counts();
    listeners.forEach(l -> l.ruleStarted(r, counts));
  }
}
