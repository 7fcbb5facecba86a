package dev.shoal.wq.manager;

import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.EventSink;
import dev.shoal.engine.spi.MeasuredPeaks;
import dev.shoal.engine.spi.SummaryFiles;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.lang.model.Resources;
import dev.shoal.monitor.Summary;
import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.TaskStatus;
import dev.shoal.wire.WorkerMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The state of the queue and every decision about it: which task goes to which worker, what is
 * sent, what a result means, when a worker is gone. One thread ({@link #run}) owns all of it; the
 * connections and the engine only post {@link Event}s to {@link #post}. Sends are queued on the
 * connections, whose writers flush once the manager's batch is queued.
 *
 * <p>Each attempt of a task gets a fresh wire id, so a result from an attempt the manager gave up
 * (its worker timed out, a fast abort moved it) can never be taken for the current one: exactly one
 * {@link BackendEvent.Finished} per engine task.
 */
final class Manager {
  private static final System.Logger LOG = System.getLogger(Manager.class.getName());

  /** A task the workers gave back this often (FORSAKEN) fits none of them: it fails. */
  static final int MAX_FORSAKEN = 10;

  /** How often the manager wakes up without events, for keepalives and fast aborts. */
  static final long TICK_MILLIS = 250;

  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final ManagerOptions options;
  private final EventSink sink;
  private final LongSupplier micros;
  private final LongSupplier nanos;
  private final Notes notes;
  private final Dispatch dispatch;
  private final FastAbort fastAbort;
  private final Keepalive keepalive;
  private final ManagerRecords.Identity identity;

  private final Map<Connection, WorkerState> workers = new LinkedHashMap<>();
  private final Map<TaskId, ManagedTask> tasks = new HashMap<>();
  private final ArrayDeque<ManagedTask> waiting = new ArrayDeque<>();
  private final Map<WorkerState, List<ManagedTask>> pendingResults = new HashMap<>();

  private long complete;
  private long dispatched;
  private long failed;
  private long cancelled;
  private long joined;
  private long removed;
  private volatile QueueStats stats = QueueStats.EMPTY;
  private boolean stopping;
  private final SummaryFiles summaries;

  /** Where human-readable notes go (dropped connections, fast aborts); thread-safe. */
  interface Notes {
    void note(System.Logger.Level level, String message);
  }

  Manager(
      ManagerOptions options,
      ManagerRecords.Identity identity,
      EventSink sink,
      LongSupplier micros,
      LongSupplier nanos,
      Notes notes,
      SummaryFiles summaries) {
    this.options = options;
    this.summaries = summaries;
    this.identity = identity;
    this.sink = sink;
    this.micros = micros;
    this.nanos = nanos;
    this.notes = notes;
    this.dispatch = new Dispatch(options, sink, micros, nanos);
    this.fastAbort = new FastAbort(options.fastAbortMultiplier());
    this.keepalive = new Keepalive(options.keepaliveInterval(), options.keepaliveTimeout(), notes);
  }

  void post(Event e) {
    queue.add(e);
  }

  QueueStats stats() {
    return stats;
  }

  ManagerRecords.Identity identity() {
    return identity;
  }

  /** The connected workers; manager thread only. */
  Iterable<WorkerState> workers() {
    return workers.values();
  }

  /** The waiting tasks; manager thread only. */
  Iterable<ManagedTask> waiting() {
    return waiting;
  }

  /** The loop: runs until a {@link Event.Shutdown} has been handled. */
  void run() {
    long nextTick = nanos.getAsLong();
    List<Event> batch = new ArrayList<>();
    while (true) {
      try {
        Event first = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      for (Event e : batch) {
        try {
          handle(e);
        } catch (RuntimeException x) {
          LOG.log(System.Logger.Level.ERROR, "Work Queue manager: error handling " + e, x);
        }
        if (e instanceof Event.Shutdown s) {
          s.done().countDown();
          return;
        }
      }
      batch.clear();
      long now = nanos.getAsLong();
      if (now - nextTick >= 0) {
        nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        keepalive.check(workers.values(), now);
        fastAborts(now);
      }
      schedule();
      stats = snapshot();
    }
  }

  private void handle(Event event) {
    switch (event) {
      case Event.Submit s -> submit(s);
      case Event.Cancel c -> cancel(c.id());
      case Event.Joined j -> {
        WorkerState w =
            new WorkerState(
                j.connection(), j.hello().hostname(), j.hello().protocol(), nanos.getAsLong());
        workers.put(j.connection(), w);
        joined++;
        notes.note(
            System.Logger.Level.INFO,
            "worker " + w + " joined (protocol " + w.protocol + ", " + j.hello().version() + ")");
      }
      case Event.Received r -> {
        WorkerState w = workers.get(r.connection());
        if (w != null) {
          received(w, r.message());
        }
      }
      case Event.ResultsDone d -> {
        WorkerState w = workers.get(d.connection());
        if (w != null) {
          resultsDone(w);
        }
      }
      case Event.Fetched f -> {
        WorkerState w = workers.get(f.connection());
        if (w != null) {
          fetched(w, f.fetch());
        }
      }
      case Event.StatusQuery q -> {
        q.connection().sendRaw(StatusSnapshots.reply(q.verb(), this, snapshot()));
        q.connection().closeAfterWrites();
      }
      case Event.Closed c -> closed(c.connection(), c.reason());
      case Event.Shutdown s -> shutdown();
    }
  }

  private void submit(Event.Submit s) {
    ManagedTask t;
    try {
      t = dispatch.prepare(s.spec());
    } catch (Dispatch.Refused e) {
      long now = micros.getAsLong();
      sink.post(
          new BackendEvent.Finished(
              s.spec().id(),
              new TaskResult(
                  TaskResult.Outcome.BACKEND_ERROR,
                  -1,
                  0,
                  now,
                  now,
                  Resources.NONE,
                  e.getMessage())));
      failed++;
      return;
    }
    tasks.put(t.spec.id(), t);
    waiting.addLast(t);
  }

  private void cancel(TaskId id) {
    ManagedTask t = tasks.remove(id);
    if (t == null) {
      return;
    }
    if (t.state == ManagedTask.State.WAITING) {
      waiting.remove(t);
      Prefetch.left(t);
    } else {
      takeOff(t, true);
    }
    cancelled++;
    long now = micros.getAsLong();
    sink.post(
        new BackendEvent.Finished(
            id,
            new TaskResult(
                TaskResult.Outcome.CANCELLED, -1, 0, now, now, Resources.NONE, "cancelled")));
  }

  /** Removes {@code t} from its worker: kills it there (if asked) and frees what it held. */
  private void takeOff(ManagedTask t, boolean kill) {
    WorkerState w = t.worker;
    if (w == null) {
      return;
    }
    if (t.state == ManagedTask.State.RUNNING) {
      w.used = w.used.minus(t.held);
    }
    w.tasks.remove(t.wireId);
    if (kill) {
      w.connection.send(new ManagerMessage.Kill(new dev.shoal.wire.TaskId(t.wireId)));
      dispatch.forget(w, t, false);
    }
    t.worker = null;
    t.held = Capacity.ZERO;
  }

  private void received(WorkerState w, WorkerMessage m) {
    switch (m) {
      case WorkerMessage.Resource r -> {
        Capacity c = w.reading;
        w.reading =
            switch (r.name()) {
              case "cores" -> new Capacity(r.total(), c.memoryMb(), c.diskMb(), c.gpus());
              case "memory" -> new Capacity(c.cores(), r.total(), c.diskMb(), c.gpus());
              case "disk" -> new Capacity(c.cores(), c.memoryMb(), r.total(), c.gpus());
              case "gpus" -> new Capacity(c.cores(), c.memoryMb(), c.diskMb(), r.total());
              default -> c;
            };
      }
      case WorkerMessage.ResourceTag t -> {
        w.total = w.reading;
        w.ready = true;
      }
      case WorkerMessage.AvailableResults a -> requestResults(w);
      case WorkerMessage.Result r -> result(w, r);
      case WorkerMessage.CacheInvalid c -> {
        w.cached.remove(c.name());
        notes.note(
            System.Logger.Level.WARNING,
            "worker " + w + " could not cache " + c.name() + ": " + c.message().asUtf8());
      }
      default -> {
        // alive, info, feature, cache-update, update: liveness is tracked by the connection.
      }
    }
  }

  private void requestResults(WorkerState w) {
    if (w.resultsPending) {
      w.moreResults = true;
      return;
    }
    w.resultsPending = true;
    w.moreResults = false;
    w.connection.expectResults();
    w.connection.send(new ManagerMessage.SendResults(-1));
  }

  private void result(WorkerState w, WorkerMessage.Result r) {
    ManagedTask t = w.tasks.get(r.id().value());
    if (t == null || t.state != ManagedTask.State.RUNNING) {
      LOG.log(System.Logger.Level.DEBUG, "late result of task {0} from {1} ignored", r.id(), w);
      return;
    }
    w.used = w.used.minus(t.held);
    t.held = Capacity.ZERO;
    if (r.status() == TaskStatus.FORSAKEN) {
      w.tasks.remove(t.wireId);
      dispatch.forget(w, t, false);
      t.worker = null;
      requeue(t, true);
      return;
    }
    t.state = ManagedTask.State.FETCHING;
    t.result = r;
    t.resultMicros = micros.getAsLong();
    w.tasksDone++;
    if (r.status() == TaskStatus.SUCCESS && r.exitCode() == 0) {
      fastAbort.learn(t.spec.category(), r.execMicros());
    }
    pendingResults.computeIfAbsent(w, k -> new ArrayList<>()).add(t);
  }

  /** The results reply ended: fetch the outputs of each task it reported. */
  private void resultsDone(WorkerState w) {
    w.resultsPending = false;
    List<ManagedTask> done = pendingResults.remove(w);
    if (done != null) {
      for (ManagedTask t : done) {
        if (t.worker == w && t.state == ManagedTask.State.FETCHING) {
          fetchOutputs(w, t);
        }
      }
    }
    if (w.moreResults) {
      requestResults(w);
    }
  }

  private void fetchOutputs(WorkerState w, ManagedTask t) {
    boolean ran = t.result.status() == TaskStatus.SUCCESS;
    t.fetchesLeft = 0;
    if (ran) {
      for (ManagedTask.OutputFile o : t.outputs) {
        OutputFetch f = new OutputFetch(t.wireId, o.cacheName(), o.target());
        w.connection.expectFetch(f);
        w.connection.send(new ManagerMessage.Get(o.cacheName(), true));
        t.fetchesLeft++;
      }
    }
    if (t.fetchesLeft == 0) {
      finish(w, t);
    }
  }

  private void fetched(WorkerState w, OutputFetch f) {
    ManagedTask t = w.tasks.get(f.wireId);
    if (t == null || t.state != ManagedTask.State.FETCHING) {
      return;
    }
    if (f.target == null && !f.missing()) {
      Summary s = Results.summary(f.bytes());
      if (s != null) {
        t.measured = MeasuredPeaks.of(s);
        summaries.write(t.spec.ruleId(), s, null);
      }
    }
    if (--t.fetchesLeft == 0) {
      finish(w, t);
    }
  }

  /** Outputs are in place: release the sandbox and the outputs' cache entries, tell the engine. */
  private void finish(WorkerState w, ManagedTask t) {
    w.connection.send(new ManagerMessage.Kill(new dev.shoal.wire.TaskId(t.wireId)));
    dispatch.forget(w, t, true);
    w.tasks.remove(t.wireId);
    tasks.remove(t.spec.id());
    TaskResult result = Results.of(t.result, t.dispatchedMicros, t.resultMicros, t.measured);
    if (result.succeeded()) {
      complete++;
    } else {
      failed++;
    }
    sink.post(new BackendEvent.Finished(t.spec.id(), result));
  }

  /** Puts {@code t} back at the head of the queue; {@code forsaken}: a worker gave it back. */
  private void requeue(ManagedTask t, boolean forsaken) {
    t.state = ManagedTask.State.WAITING;
    t.worker = null;
    if (forsaken && ++t.forsaken > MAX_FORSAKEN) {
      tasks.remove(t.spec.id());
      failed++;
      long now = micros.getAsLong();
      sink.post(
          new BackendEvent.Finished(
              t.spec.id(),
              new TaskResult(
                  TaskResult.Outcome.BACKEND_ERROR,
                  -1,
                  0,
                  now,
                  now,
                  Resources.NONE,
                  "given back by workers "
                      + MAX_FORSAKEN
                      + " times: no worker can run it — start workers with more resources")));
      return;
    }
    waiting.addFirst(t);
  }

  private void closed(Connection c, String reason) {
    WorkerState w = workers.remove(c);
    if (w == null) {
      if (!reason.equals("status query answered")) {
        notes.note(
            System.Logger.Level.WARNING, "connection from " + c.peer() + " dropped: " + reason);
      }
      return;
    }
    removed++;
    pendingResults.remove(w);
    for (ManagedTask t : waiting) {
      if (t.prefetchedTo == w) {
        Prefetch.left(t);
      }
    }
    int lost = w.tasks.size();
    for (ManagedTask t : List.copyOf(w.tasks.values())) {
      t.worker = null;
      t.held = Capacity.ZERO;
      requeue(t, false);
    }
    w.tasks.clear();
    notes.note(
        stopping ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
        "worker "
            + w
            + " removed: "
            + reason
            + (lost > 0 ? "; " + lost + " task(s) requeued" : ""));
  }

  private void schedule() {
    if (waiting.isEmpty() || workers.isEmpty() || stopping) {
      return;
    }
    int misses = 0;
    for (Iterator<ManagedTask> it = waiting.iterator(); it.hasNext() && misses < 1000; ) {
      ManagedTask t = it.next();
      WorkerState w = Matcher.pick(t.spec.allocation(), t.cachedNames, workers.values(), t.avoid);
      if (w == null && t.avoid != null) {
        w = Matcher.pick(t.spec.allocation(), t.cachedNames, workers.values(), null);
      }
      if (w == null) {
        misses++;
        if (!anyFree()) {
          break;
        }
        continue;
      }
      it.remove();
      Prefetch.left(t);
      dispatch.send(t, w, Capacity.demand(t.spec.allocation(), w.total));
      dispatched++;
    }
    if (options.cacheMode() != ManagerOptions.CacheMode.NEVER) {
      Prefetch.run(waiting, workers.values());
    }
  }

  private boolean anyFree() {
    for (WorkerState w : workers.values()) {
      Capacity f = w.free();
      if (w.ready && (f.cores() > 0 || f.memoryMb() > 0 || f.gpus() > 0)) {
        return true;
      }
    }
    return false;
  }

  private void fastAborts(long now) {
    if (!fastAbort.enabled()) {
      return;
    }
    for (WorkerState w : workers.values()) {
      for (ManagedTask t : List.copyOf(w.tasks.values())) {
        if (t.state != ManagedTask.State.RUNNING) {
          continue;
        }
        long ranMicros = (now - t.dispatchedNanos) / 1000;
        String why = fastAbort.check(t.spec.category(), ranMicros);
        if (why != null) {
          w.fastAborts++;
          notes.note(
              System.Logger.Level.WARNING,
              "fast abort: rule "
                  + t.spec.ruleId()
                  + " on worker "
                  + w
                  + " "
                  + why
                  + "; moving it to another worker ("
                  + w.fastAborts
                  + " fast abort(s) there)");
          takeOff(t, true);
          t.avoid = w;
          fastAbort.aborted();
          requeue(t, false);
        }
      }
    }
  }

  private void shutdown() {
    stopping = true;
    for (WorkerState w : workers.values()) {
      for (ManagedTask t : w.tasks.values()) {
        if (t.state == ManagedTask.State.RUNNING) {
          w.connection.send(new ManagerMessage.Kill(new dev.shoal.wire.TaskId(t.wireId)));
        }
      }
      // makeflow releases its workers at the end: they may serve another manager.
      w.connection.send(new ManagerMessage.Release());
      w.connection.closeAfterWrites();
    }
    stats = snapshot();
  }

  private QueueStats snapshot() {
    Load load = Load.of(workers.values(), waiting);
    return new QueueStats(
        waiting.size(),
        load.running(),
        load.onWorkers(),
        complete,
        dispatched,
        failed,
        cancelled,
        workers.size(),
        load.init(),
        load.busy(),
        joined,
        removed,
        fastAbort.count(),
        load.capacity(),
        load.committed(),
        load.wanted());
  }
}
