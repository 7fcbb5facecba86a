package dev.shoal.mesos.fake;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.Resource;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated agent: its total scalar resources and what tasks and outstanding offers hold of them.
 * Guarded by the master's lock.
 */
final class FakeAgent {
  final AgentId id;
  final String hostname;
  final Map<String, Double> total;
  final Map<String, Double> used = new HashMap<>();
  final Map<String, Double> offered = new HashMap<>();
  boolean lost;

  /** Custom executors on this agent, by id; an exited one is removed. */
  final Map<dev.shoal.mesos.ExecutorId, FakeExecutor> executors = new java.util.LinkedHashMap<>();

  /** The agent's HTTP endpoint ({@code /api/v1/executor}), started with its first executor. */
  com.sun.net.httpserver.HttpServer endpoint;

  /** Refusal filter: resources no larger than {@code refused} are not offered until then. */
  Instant refusedUntil = Instant.MIN;

  Map<String, Double> refused = Map.of();

  FakeAgent(AgentId id, String hostname, Map<String, Double> total) {
    this.id = id;
    this.hostname = hostname;
    this.total = Map.copyOf(total);
  }

  Map<String, Double> available() {
    Map<String, Double> free = new HashMap<>();
    for (var e : total.entrySet()) {
      double v =
          e.getValue() - used.getOrDefault(e.getKey(), 0.0) - offered.getOrDefault(e.getKey(), 0.0);
      free.put(e.getKey(), Math.max(0, Math.round(v * 1000) / 1000.0));
    }
    return free;
  }

  static void add(Map<String, Double> into, List<Resource> rs, int sign) {
    for (Resource r : rs) {
      into.merge(r.name(), sign * r.value(), Double::sum);
    }
  }

  static boolean fits(Map<String, Double> small, Map<String, Double> big) {
    for (var e : small.entrySet()) {
      if (e.getValue() > big.getOrDefault(e.getKey(), 0.0) + 1e-9) {
        return false;
      }
    }
    return true;
  }
}
