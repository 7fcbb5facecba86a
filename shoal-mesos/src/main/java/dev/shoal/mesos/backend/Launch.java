package dev.shoal.mesos.backend;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.TaskId;
import java.util.List;

/**
 * One launched Mesos task: a single attempt, or a bundle of several short rules of one category
 * that the Shoal executor runs one after another ({@link dev.shoal.worker.launch.LaunchBundle}). It
 * holds {@link #size} (one member's: they run in turn) on {@link #agent} until its terminal update,
 * though its members may end before, each as its report arrives. Owned by the scheduler thread.
 */
final class Launch {
  final TaskId mesosId;
  final AgentId agent;
  final Size size;
  final String category;
  final List<Attempt> members;
  final boolean bundle;
  final boolean viaExecutor;
  final long launchedMicros;

  /** Members that ended with a result (not cancelled, not requeued): for the bundle's pace. */
  int done;

  /** When the last member ended (the next one's result starts there). */
  long lastReportMicros;

  /**
   * Its ACCEPT got no answer: the master may have launched it or not. Cleared by the first update;
   * until then it is reconciled explicitly (an unknown task comes back LOST and is requeued).
   */
  boolean unconfirmed;

  /** KILL was sent: every member not yet ended was cancelled. Repeated after a resubscription. */
  boolean killRequested;

  Launch(
      TaskId mesosId,
      AgentId agent,
      Size size,
      String category,
      List<Attempt> members,
      boolean viaExecutor,
      long launchedMicros) {
    this.mesosId = mesosId;
    this.agent = agent;
    this.size = size;
    this.category = category;
    this.members = List.copyOf(members);
    this.bundle = members.size() > 1;
    this.viaExecutor = viaExecutor;
    this.launchedMicros = launchedMicros;
    this.lastReportMicros = launchedMicros;
    for (Attempt a : this.members) {
      a.launch = this;
    }
  }

  /** Whether every member not yet ended was cancelled (then the whole task may be killed). */
  boolean allOpenCancelled() {
    for (Attempt a : members) {
      if (!a.ended && !a.cancelRequested) {
        return false;
      }
    }
    return true;
  }
}
