package dev.shoal.mesos.backend;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.Offer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the cluster can hold, as far as the scheduler has seen: the largest offer of each agent.
 * Offers are all a framework learns of agents, so an agent's size is the most it ever offered at
 * once. Used by the scheduler thread only.
 */
final class AgentSizes {
  private final Map<AgentId, Size> largest = new LinkedHashMap<>();

  /** Takes {@code o} into account. */
  void saw(Offer o) {
    largest.merge(o.agentId(), new Size(o.cpus(), o.memMegabytes(), o.diskMegabytes()), Size::max);
  }

  /** Whether no agent has offered anything yet (the cluster may still be starting). */
  boolean none() {
    return largest.isEmpty();
  }

  /** The cpus of every agent seen, summed. */
  double clusterCpus() {
    double cpus = 0;
    for (Size s : largest.values()) {
      cpus += s.cpus();
    }
    return cpus;
  }

  /** How many tasks of {@code size} the agents seen hold at once (at least 1). */
  int slots(Size size) {
    int n = 0;
    for (Size s : largest.values()) {
      n += (int) Math.floor(s.cpus() / Math.max(size.cpus(), 0.01) + 1e-9);
    }
    return Math.max(1, n);
  }

  /** Whether some agent seen could run a task of {@code size}. */
  boolean fitSome(Size size) {
    for (Size s : largest.values()) {
      if (size.fitsIn(s)) {
        return true;
      }
    }
    return false;
  }

  /** The agent with the most cpus and its size, for messages; {@code none} before any offer. */
  String biggest() {
    Map.Entry<AgentId, Size> best = null;
    for (Map.Entry<AgentId, Size> e : largest.entrySet()) {
      if (best == null || e.getValue().cpus() > best.getValue().cpus()) {
        best = e;
      }
    }
    return best == null ? "none" : best.getValue() + " (agent " + best.getKey() + ")";
  }
}
