package dev.shoal.mesos.backend;

import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.TaskId;
import java.util.ArrayList;
import java.util.List;

/**
 * One launch of an engine task as a Mesos task. Owned by the scheduler thread; the file server only
 * sees the tokens registered for it.
 *
 * @param lost how many earlier attempts of the same engine task the cluster lost
 */
final class Attempt {
  final TaskSpec spec;
  final Size size;
  final int lost;
  final TaskId mesosId;
  final AgentId agent;
  final long launchedMicros;
  final List<String> tokens = new ArrayList<>();
  boolean started;
  boolean cancelRequested;

  /**
   * Its ACCEPT got no answer: the master may have launched it or not. Cleared by the first update;
   * until then it is reconciled explicitly (an unknown task comes back LOST and is requeued).
   */
  boolean unconfirmed;

  Attempt(TaskSpec spec, Size size, int lost, TaskId mesosId, AgentId agent, long launchedMicros) {
    this.spec = spec;
    this.size = size;
    this.lost = lost;
    this.mesosId = mesosId;
    this.agent = agent;
    this.launchedMicros = launchedMicros;
  }
}
