package dev.shoal.mesos.backend;

import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.TaskId;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt of an engine task: alone as a Mesos task, or member {@link #member} of a bundle
 * ({@link Launch}). Owned by the scheduler thread; the file server only sees the tokens registered
 * for it.
 *
 * @param lost how many earlier attempts of the same engine task the cluster lost
 */
final class Attempt {
  final TaskSpec spec;
  final Size size;
  final int lost;

  /** The Mesos task that runs it (a bundle's, for a member). */
  final TaskId mesosId;

  /** Its index in its bundle, or -1 when it is a Mesos task of its own. */
  final int member;

  final AgentId agent;
  final long launchedMicros;
  final List<String> tokens = new ArrayList<>();
  Launch launch;
  boolean started;
  boolean cancelRequested;

  /** Its ending was decided (reported or requeued): later reports of it are ignored. */
  boolean ended;

  Attempt(TaskSpec spec, Size size, int lost, TaskId mesosId, AgentId agent, long launchedMicros) {
    this(spec, size, lost, mesosId, -1, agent, launchedMicros);
  }

  Attempt(
      TaskSpec spec,
      Size size,
      int lost,
      TaskId mesosId,
      int member,
      AgentId agent,
      long launchedMicros) {
    this.spec = spec;
    this.size = size;
    this.lost = lost;
    this.mesosId = mesosId;
    this.member = member;
    this.agent = agent;
    this.launchedMicros = launchedMicros;
  }

  /** Names its uploads in the staging directory: unique among the attempts of a run. */
  String key() {
    return member < 0 ? mesosId.value() : mesosId.value() + "-m" + member;
  }
}
