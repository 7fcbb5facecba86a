package dev.shoal.worker.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * One {@link LaunchBundle} in the {@link ShoalExecutor}: its members' commands run one after
 * another, in order, each a {@link LaunchRun} of its own (inputs, command under the monitor,
 * outputs uploaded, its own report) in a task directory of its own. A member's failure does not
 * stop its siblings: its report says how it ended. The reports wait here until the executor {@link
 * #drain}s them into a status update.
 *
 * <p>The transfers overlap the commands: while member i's command runs, member i+1's inputs are
 * downloaded and the outputs of the members before it uploaded, {@link #DELIVER_TOGETHER} members'
 * in one request (the commands, which the bundle's cpus are for, never run two at once). A short
 * member spends most of its time in round trips to the engine, so this is what makes a bundle's
 * members cheaper than as many tasks, not only their status updates.
 *
 * <p>Threading: {@link #run} on the bundle's thread, which runs the commands; fetches and
 * deliveries on virtual threads; {@link #kill} and {@link #drain} from any thread. A killed bundle
 * stops every member in progress (which report nothing) and starts no further one; reports of the
 * members that ended before it are still drained.
 */
final class BundleRun {
  /**
   * Members whose commands ran are delivered together, up to this many in one upload request
   * instead of one request each: the deliverer gathers the members that end within {@link
   * #GATHER_NANOS} of the first it waits with. A member's report leaves that much later at most
   * (the executor sends reports every 100 ms anyway).
   */
  static final int DELIVER_TOGETHER = 8;

  private static final long GATHER_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50);

  /** Members waiting for their delivery at most before the commands wait for the engine. */
  private static final int MAX_WAITING = 4 * DELIVER_TOGETHER;

  private final int size;
  private final IntFunction<LaunchRun> runOf;
  private final Consumer<Path> dirDone;
  private final java.util.function.Supplier<Thread> prefetch;
  private Thread prefetching;
  private final Map<Integer, LaunchReport> pending = new LinkedHashMap<>();
  private final Set<LaunchRun> inProgress = new LinkedHashSet<>();
  private boolean killed;
  // Members whose commands ran, in order, for the deliverer; and whether no more will come.
  private final List<Integer> waiting = new ArrayList<>();
  private final List<LaunchRun> waitingRuns = new ArrayList<>();
  private boolean commandsDone;

  /**
   * @param runOf makes the run of member {@code i} in a directory of its own
   * @param dirDone takes back the directory of a run that has ended (emptied)
   * @param prefetch starts downloading the members' inputs ahead of their fetches (in one batch,
   *     see {@link InputCache#prefetch}) and returns the thread doing it, or {@code null}
   */
  BundleRun(
      int size,
      IntFunction<LaunchRun> runOf,
      Consumer<Path> dirDone,
      java.util.function.Supplier<Thread> prefetch) {
    this.size = size;
    this.runOf = runOf;
    this.dirDone = dirDone;
    this.prefetch = prefetch;
  }

  /** Runs every member; returns {@link LaunchRun#KILLED} if killed, else 0 once all ended. */
  int run() {
    synchronized (this) {
      prefetching = killed ? null : prefetch.get();
    }
    try {
      return runMembers();
    } finally {
      stopPrefetch();
    }
  }

  /** Stops the prefetch (if still going) and waits for its thread: nothing outlives the bundle. */
  private void stopPrefetch() {
    Thread t;
    synchronized (this) {
      t = prefetching;
    }
    if (t == null) {
      return;
    }
    t.interrupt();
    joinUninterruptibly(t);
  }

  private int runMembers() {
    // A platform thread: it waits in Object.wait, which would pin a virtual one on JDK 21.
    Thread deliverer =
        Thread.ofPlatform().daemon().name("bundle-delivery").unstarted(this::deliverLoop);
    deliverer.start();
    try {
      LaunchRun next = start(0);
      CompletableFuture<Integer> fetched = fetch(next);
      for (int i = 0; i < size && next != null; i++) {
        LaunchRun r = next;
        int code = fetched.join();
        next = i + 1 < size ? start(i + 1) : null;
        if (next != null) {
          fetched = fetch(next);
        }
        if (code == LaunchRun.GO_ON) {
          code = guarded(r::execute);
        }
        if (code == LaunchRun.GO_ON) {
          awaitRoom();
          synchronized (this) {
            waiting.add(i);
            waitingRuns.add(r);
            notifyAll();
          }
        } else {
          ended(i, r, code);
        }
      }
    } finally {
      synchronized (this) {
        commandsDone = true;
        notifyAll();
      }
      joinUninterruptibly(deliverer);
    }
    synchronized (this) {
      return killed ? LaunchRun.KILLED : 0;
    }
  }

  /** Waits while too many members wait for their delivery: the commands wait for a slow engine. */
  private synchronized void awaitRoom() {
    while (waiting.size() >= MAX_WAITING) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The deliverer: takes the members that wait (those that end within {@link #GATHER_NANOS} of the
   * first, up to {@link #DELIVER_TOGETHER}), uploads their outputs together and ends them; until no
   * command is left to run and nothing waits.
   */
  private void deliverLoop() {
    while (true) {
      List<Integer> members;
      List<LaunchRun> runs;
      synchronized (this) {
        try {
          while (waiting.isEmpty() && !commandsDone) {
            wait();
          }
          long deadline = System.nanoTime() + GATHER_NANOS;
          while (waiting.size() < DELIVER_TOGETHER && !commandsDone) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              break;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
          }
        } catch (InterruptedException e) {
          // A kill woke the upload this thread ran: go on with what waits (killed members end
          // without a report).
        }
        if (waiting.isEmpty()) {
          if (commandsDone) {
            return;
          }
          continue;
        }
        int n = Math.min(DELIVER_TOGETHER, waiting.size());
        members = List.copyOf(waiting.subList(0, n));
        runs = List.copyOf(waitingRuns.subList(0, n));
        waiting.subList(0, n).clear();
        waitingRuns.subList(0, n).clear();
        notifyAll();
      }
      int[] codes;
      try {
        codes = LaunchRun.deliverTogether(runs);
      } catch (RuntimeException e) {
        System.err.println("shoal executor: a bundle's delivery failed: " + e);
        codes = new int[runs.size()];
        java.util.Arrays.fill(codes, LaunchSpec.EXIT_LAUNCHER);
      }
      for (int k = 0; k < runs.size(); k++) {
        ended(members.get(k), runs.get(k), codes[k]);
      }
    }
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A phase that failed unexpectedly ends its member without a report (it is run again). */
  private static int guarded(java.util.function.IntSupplier phase) {
    try {
      return phase.getAsInt();
    } catch (RuntimeException e) {
      System.err.println("shoal executor: a bundle member failed: " + e);
      return LaunchSpec.EXIT_LAUNCHER;
    }
  }

  /** The run of member {@code i}, counted in progress; {@code null} once the bundle is killed. */
  private synchronized LaunchRun start(int i) {
    if (killed) {
      return null;
    }
    LaunchRun r = runOf.apply(i);
    inProgress.add(r);
    return r;
  }

  private static CompletableFuture<Integer> fetch(LaunchRun r) {
    return r == null
        ? CompletableFuture.completedFuture(LaunchRun.KILLED)
        : CompletableFuture.supplyAsync(() -> guarded(r::fetch), LaunchRunThreads.VIRTUAL);
  }

  /** Member {@code i} ended with {@code code}: keeps its report, frees its directory. */
  private void ended(int i, LaunchRun r, int code) {
    r.close();
    dirDone.accept(r.dir());
    synchronized (this) {
      inProgress.remove(r);
      LaunchReport report = r.result();
      // No report: killed, or it could not make one (the scheduler runs it again).
      if (code != LaunchRun.KILLED && !killed && report != null) {
        pending.put(i, report);
      }
    }
  }

  /** Stops the members in progress and every member after them. */
  void kill() {
    List<LaunchRun> runs;
    Thread t;
    synchronized (this) {
      killed = true;
      runs = List.copyOf(inProgress);
      t = prefetching;
    }
    runs.forEach(LaunchRun::kill);
    if (t != null) {
      t.interrupt();
    }
  }

  /** The reports of the members that ended since the last call (by member index). */
  synchronized Map<Integer, LaunchReport> drain() {
    Map<Integer, LaunchReport> out = new LinkedHashMap<>(pending);
    pending.clear();
    return out;
  }
}
