package dev.shoal.worker.launch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One {@link LaunchBundle} in the {@link ShoalExecutor}: its members run one after another, in
 * order, each a {@link LaunchRun} of its own (inputs, command under the monitor, outputs uploaded,
 * its own report), in the same task directory. A member's failure does not stop its siblings: its
 * report says how it ended. The reports wait here until the executor {@link #drain}s them into a
 * status update.
 *
 * <p>Threading: {@link #run} on the bundle's thread; {@link #kill} and {@link #drain} from any
 * other. A killed bundle stops its running member (which reports nothing) and runs no further
 * member; reports of the members that ended before it are still drained.
 */
final class BundleRun {
  private final int size;
  private final IntFunction<LaunchRun> runOf;
  private final Map<Integer, LaunchReport> pending = new LinkedHashMap<>();
  private LaunchRun current;
  private boolean killed;

  /**
   * @param runOf makes the run of member {@code i}, when its turn comes
   */
  BundleRun(int size, IntFunction<LaunchRun> runOf) {
    this.size = size;
    this.runOf = runOf;
  }

  /** Runs every member in order; returns {@link LaunchRun#KILLED} if killed, else 0. */
  int run() {
    for (int i = 0; i < size; i++) {
      LaunchRun r;
      synchronized (this) {
        if (killed) {
          return LaunchRun.KILLED;
        }
        r = runOf.apply(i);
        current = r;
      }
      int code = r.run();
      synchronized (this) {
        current = null;
        if (code == LaunchRun.KILLED || killed) {
          return LaunchRun.KILLED;
        }
        LaunchReport report = r.result();
        if (report != null) { // none: the member could not report (the scheduler runs it again)
          pending.put(i, report);
        }
      }
    }
    return 0;
  }

  /** Stops the running member's process tree and every member after it. */
  void kill() {
    LaunchRun r;
    synchronized (this) {
      killed = true;
      r = current;
    }
    if (r != null) {
      r.kill();
    }
  }

  /** The reports of the members that ended since the last call (by member index), in order. */
  synchronized Map<Integer, LaunchReport> drain() {
    Map<Integer, LaunchReport> out = new LinkedHashMap<>(pending);
    pending.clear();
    return out;
  }
}
