package dev.shoal.mesos.fake;

import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.FrameworkId;
import dev.shoal.mesos.Offer;
import dev.shoal.mesos.OfferId;
import dev.shoal.mesos.Resource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The fake master's allocator: the outstanding offers, what each agent has on offer, refusal
 * filters on the injected clock, and suppression. Guarded by the master's lock.
 */
final class OfferBook {
  private final Map<OfferId, Offer> offers = new LinkedHashMap<>();
  private final Map<AgentId, FakeAgent> agents;
  private final Clock clock;
  private boolean suppressed;

  OfferBook(Map<AgentId, FakeAgent> agents, Clock clock) {
    this.agents = agents;
    this.clock = clock;
  }

  /** The outstanding offer {@code id}, or null (never made, used, declined or rescinded). */
  Offer get(OfferId id) {
    return offers.get(id);
  }

  /** The outstanding offers of {@code agent}. */
  List<Offer> of(AgentId agent) {
    return offers.values().stream().filter(o -> o.agentId().equals(agent)).toList();
  }

  /** The offer is used, declined or rescinded: its resources are no longer on offer. */
  void withdraw(Offer o) {
    offers.remove(o.id());
    FakeAgent.add(agents.get(o.agentId()).offered, o.resources(), -1);
  }

  void clear() {
    List.copyOf(offers.values()).forEach(this::withdraw);
  }

  void decline(List<OfferId> ids, double refuseSeconds) {
    for (OfferId id : ids) {
      Offer o = offers.get(id);
      if (o != null) {
        withdraw(o);
        refuse(agents.get(o.agentId()), toMap(o.resources()), refuseSeconds);
      }
    }
  }

  /** Resources no larger than {@code resources} of {@code agent} are not offered for a while. */
  void refuse(FakeAgent agent, Map<String, Double> resources, double seconds) {
    agent.refused = resources;
    agent.refusedUntil = clock.instant().plusMillis((long) (seconds * 1000));
  }

  void suppress(boolean suppress) {
    suppressed = suppress;
  }

  /** REVIVE: offers resume and every filter is cleared. */
  void revive() {
    suppressed = false;
    agents.values().forEach(a -> a.refusedUntil = Instant.MIN);
  }

  /** Offers each live agent's free resources, unless suppressed or filtered; returns them. */
  List<Offer> allocate(FrameworkId framework, String role, Supplier<OfferId> ids) {
    if (suppressed) {
      return List.of();
    }
    List<Offer> made = new ArrayList<>();
    for (FakeAgent a : agents.values()) {
      Map<String, Double> free = a.available();
      if (a.lost
          || free.getOrDefault(Resource.CPUS, 0.0) < 0.01
          || free.getOrDefault(Resource.MEM, 0.0) < 1) {
        continue;
      }
      if (clock.instant().isBefore(a.refusedUntil) && FakeAgent.fits(free, a.refused)) {
        continue;
      }
      List<Resource> rs = new ArrayList<>();
      for (String name : List.of(Resource.CPUS, Resource.MEM, Resource.DISK)) {
        rs.add(new Resource(name, free.get(name), role));
      }
      Offer o = new Offer(ids.get(), framework, a.id, a.hostname, rs, List.of());
      FakeAgent.add(a.offered, rs, 1);
      offers.put(o.id(), o);
      made.add(o);
    }
    return made;
  }

  static Map<String, Double> toMap(List<Resource> rs) {
    Map<String, Double> m = new HashMap<>();
    FakeAgent.add(m, rs, 1);
    return m;
  }
}
