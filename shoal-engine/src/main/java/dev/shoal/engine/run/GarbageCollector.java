package dev.shoal.engine.run;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.log.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Deletes intermediate files that no remaining rule needs ({@code -g}). A file is collectable when
 * its producer is complete, every consumer is complete, it is not a source, not in MAKEFLOW_INPUTS
 * and not a final output. Used by the engine loop thread only; it is told of each file once, when
 * it becomes collectable.
 */
final class GarbageCollector {
  private final Dag dag;
  private final Path workDir;
  private final GcPolicy policy;
  private final Journal journal;
  private final LongSupplier micros;
  private final IntQueue collectable = new IntQueue();
  private long totalCollected;

  GarbageCollector(Dag dag, Path workDir, GcPolicy policy, Journal journal, LongSupplier micros) {
    this.dag = dag;
    this.workDir = workDir;
    this.policy = policy;
    this.journal = journal;
    this.micros = micros;
  }

  /** {@code file} is no longer needed by any rule; it is queued if it may be deleted. */
  void offer(int file) {
    if (policy.mode() != GcPolicy.Mode.NONE && !dag.isProtected(file) && !dag.isOutput(file)) {
      collectable.add(file);
    }
  }

  /** One collection pass; {@code everything} at the end of a successful run. */
  void collect(boolean everything) {
    if (collectable.isEmpty()) {
      return;
    }
    int n =
        everything
            ? collectable.size()
            : switch (policy.mode()) {
              case NONE -> 0;
              case REF_CNT -> Math.min(policy.count(), collectable.size());
              case ON_DEMAND ->
                  collectable.size() > policy.count() || lowOnSpace() ? collectable.size() : 0;
              case ALL -> collectable.size();
            };
    if (n == 0) {
      return;
    }
    long start = micros.getAsLong();
    for (int i = 0; i < n; i++) {
      int f = collectable.poll();
      String name = dag.fileName(f);
      journal.file(name, FileStatus.DELETE, 0);
      try {
        Outputs.delete(workDir.resolve(name));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot collect " + name, e);
      }
    }
    totalCollected += n;
    journal.gc(n, micros.getAsLong() - start, totalCollected);
  }

  private boolean lowOnSpace() {
    try {
      return Files.getFileStore(workDir).getUsableSpace() <= policy.minFreeBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read free space of " + workDir, e);
    }
  }
}
