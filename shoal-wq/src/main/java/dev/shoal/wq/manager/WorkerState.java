package dev.shoal.wq.manager;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manager's view of one connected worker: what it reported, what its tasks hold, what its cache
 * holds. Mutable; owned by the manager thread.
 */
final class WorkerState {
  final Connection connection;
  final String hostname;
  final int protocol;
  final long joinedNanos;

  /** Totals from the last resource block; counted only once {@link #ready}. */
  Capacity total = Capacity.ZERO;

  /** Totals being read from a resource block that has not ended yet. */
  Capacity reading = Capacity.ZERO;

  Capacity used = Capacity.ZERO;
  boolean ready;

  /** Cache name to size in bytes, for every file put in the worker's cache. */
  final Map<String, Long> cached = new HashMap<>();

  /** Tasks on this worker by wire id. */
  final Map<Long, ManagedTask> tasks = new LinkedHashMap<>();

  /** A {@code send_results} is out and its reply has not ended. */
  boolean resultsPending;

  /** The worker said {@code available_results} while a reply was pending. */
  boolean moreResults;

  /** Waiting tasks whose inputs were sent here ahead ({@link Prefetch}). */
  int ahead;

  /** When {@code check} was sent and not yet answered, else -1 ({@link Keepalive}). */
  long checkSentNanos = -1;

  int fastAborts;
  int tasksDone;

  WorkerState(Connection connection, String hostname, int protocol, long joinedNanos) {
    this.connection = connection;
    this.hostname = hostname;
    this.protocol = protocol;
    this.joinedNanos = joinedNanos;
  }

  Capacity free() {
    return total.minus(used);
  }

  /** Bytes of {@code names} already in this worker's cache. */
  long cachedBytes(Iterable<String> names) {
    long sum = 0;
    for (String n : names) {
      Long size = cached.get(n);
      if (size != null) {
        sum += Math.max(1, size);
      }
    }
    return sum;
  }

  @Override
  public String toString() {
    return hostname + " (" + connection.peer() + ")";
  }
}
