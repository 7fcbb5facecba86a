package dev.shoal.engine.run;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.log.NodeStatus;
import java.util.BitSet;

/**
 * The mutable state of one run: each rule's status, what each rule still waits for, which files are
 * still needed. Owned by the engine loop thread; nothing else reads or writes it.
 *
 * <p>All updates are O(edges touched), so a whole run costs time linear in rules plus file
 * mentions.
 */
final class RunState {
  private final Dag dag;
  private final byte[] status;
  private final int[] pending; // inputs whose producer is not complete yet
  private final int[] refs; // consumers of each file not complete yet
  private final byte[] failures;
  private final int[] counts = new int[NodeStatus.values().length];
  final IntQueue ready = new IntQueue();

  RunState(Dag dag, BitSet complete) {
    this.dag = dag;
    int n = dag.ruleCount();
    this.status = new byte[n];
    this.pending = new int[n];
    this.failures = new byte[n];
    this.refs = new int[dag.fileCount()];
    for (int r = 0; r < n; r++) {
      NodeStatus s = complete.get(r) ? NodeStatus.COMPLETE : NodeStatus.WAITING;
      status[r] = (byte) s.code();
      counts[s.code()]++;
    }
    for (int r = 0; r < n; r++) {
      final int rule = r;
      boolean done = complete.get(r);
      dag.forEachSource(
          r,
          f -> {
            int p = dag.producer(f);
            if (p >= 0 && !complete.get(p)) {
              pending[rule]++;
            }
            if (!done) {
              refs[f]++;
            }
          });
    }
    for (int r = 0; r < n; r++) {
      if (!complete.get(r) && pending[r] == 0) {
        ready.add(r);
      }
    }
  }

  NodeStatus status(int rule) {
    return NodeStatus.ofCode(status[rule]);
  }

  void set(int rule, NodeStatus s) {
    counts[status[rule]]--;
    status[rule] = (byte) s.code();
    counts[s.code()]++;
  }

  int count(NodeStatus s) {
    return counts[s.code()];
  }

  Journal.Counts counts() {
    return new Journal.Counts(counts[0], counts[1], counts[2], counts[3], counts[4], status.length);
  }

  /** Records one more failure of {@code rule}; returns how many it has had. */
  int fail(int rule) {
    if (failures[rule] < Byte.MAX_VALUE) {
      failures[rule]++;
    }
    return failures[rule];
  }

  /** A consumer of {@code file} completed; returns the consumers still to come. */
  int release(int file) {
    return --refs[file];
  }

  int refs(int file) {
    return refs[file];
  }

  /** An input of {@code rule} became available; true when it has all of them. */
  boolean satisfy(int rule) {
    return --pending[rule] == 0;
  }
}
