package dev.shoal.engine.run;

import dev.shoal.engine.log.FileStatus;
import dev.shoal.engine.log.NodeStatus;
import java.io.IOException;

/**
 * Where the engine records what happens, before it acts on it. Implemented over the transaction
 * log; a no-op one serves dry runs and tests.
 *
 * <p>Called from the engine loop thread only. Records are buffered until {@link #flush()}; the
 * engine flushes once per batch of events, before it dispatches or deletes anything because of
 * them. Run markers ({@link #marker}) are flushed at once.
 */
public interface Journal extends AutoCloseable {

  /** How a run began or ended. */
  enum Marker {
    STARTED,
    COMPLETED,
    FAILED,
    ABORTED
  }

  void marker(Marker marker) throws IOException;

  void node(int rule, NodeStatus status, String jobId, Counts counts);

  void file(String name, FileStatus status, long size);

  void gc(int collected, long elapsedMicros, long totalCollected);

  /** A category's allocation changed (job sizing). */
  default void allocation(String category, dev.shoal.lang.model.Resources allocation) {}

  /** What an attempt of {@code rule} is given, logged before it starts. */
  default void taskAllocation(int rule, dev.shoal.lang.model.Resources allocation) {}

  /** Makes the records durable: on the device before the engine acts on them. */
  void flush() throws IOException;

  /**
   * Hands the records to the operating system without waiting for the device: enough for records
   * nothing is done on yet (a task started). Survives the death of the process, not of the machine.
   */
  default void writeThrough() throws IOException {
    flush();
  }

  /**
   * Forces what {@link #writeThrough} wrote to the device. The one method that may be called from
   * another thread than the engine loop (it runs beside it: group commit).
   */
  default void forceWritten() throws IOException {}

  @Override
  void close() throws IOException;

  /** Rules in each state, written on every node line. */
  record Counts(int waiting, int running, int complete, int failed, int aborted, int total) {}

  /** A journal that records nothing. */
  Journal NONE =
      new Journal() {
        @Override
        public void marker(Marker marker) {}

        @Override
        public void node(int rule, NodeStatus status, String jobId, Counts counts) {}

        @Override
        public void file(String name, FileStatus status, long size) {}

        @Override
        public void gc(int collected, long elapsedMicros, long totalCollected) {}

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
}
