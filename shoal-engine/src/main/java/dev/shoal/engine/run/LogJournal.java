package dev.shoal.engine.run;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.log.FileStatus;
import dev.shoal.engine.log.LogReader;
import dev.shoal.engine.log.LogRecord;
import dev.shoal.engine.log.MicrosClock;
import dev.shoal.engine.log.NodeStatus;
import dev.shoal.engine.log.ReplayedLog;
import dev.shoal.engine.log.TransactionLog;
import dev.shoal.lang.model.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The engine's journal kept in the makeflow transaction log ({@link TransactionLog}), and the
 * reading of an earlier run's log as a {@link PriorRun}. Flush policy: that of {@link
 * TransactionLog}; the engine flushes once per batch of events, before acting on them.
 */
public final class LogJournal implements Journal {
  private final TransactionLog log;

  private LogJournal(TransactionLog log) {
    this.log = log;
  }

  /** Opens (or creates) the log for appending. */
  public static LogJournal open(Path file, MicrosClock clock) throws IOException {
    return new LogJournal(TransactionLog.open(file, clock));
  }

  /**
   * Reads an earlier run's log. Warnings (a torn last line) go to {@code warnings}; a corrupted
   * line throws {@link dev.shoal.engine.log.CorruptLogException} with its file and line.
   */
  public static PriorRun replay(Path file, Consumer<String> warnings) throws IOException {
    ReplayedLog r = LogReader.replay(file);
    r.warnings().forEach(warnings);
    return new PriorRun() {
      @Override
      public NodeStatus status(int rule) {
        var n = r.nodes().get(rule);
        return n == null ? null : n.status();
      }

      @Override
      public String jobId(int rule) {
        var n = r.nodes().get(rule);
        return n == null ? null : Long.toString(n.jobId());
      }

      @Override
      public FileStatus fileStatus(String name) {
        var f = r.files().get(name);
        return f == null ? null : f.status();
      }

      @Override
      public long createdAt(String name) {
        var f = r.files().get(name);
        return f == null ? -1 : f.createdMicros();
      }
    };
  }

  /**
   * {@code --log-verbose}: writes the workflow's structure as makeflow does on a first run, seven
   * tab-separated {@code #} lines per rule, last rule first. Readers ignore them.
   */
  public void describe(Dag dag) {
    for (int r = dag.ruleCount() - 1; r >= 0; r--) {
      Rule rule = dag.rule(r);
      String cmd = rule.command().replace('\n', ' ');
      StringBuilder parents = new StringBuilder();
      java.util.BitSet seen = new java.util.BitSet();
      dag.forEachSource(
          r,
          f -> {
            int p = dag.producer(f);
            if (p >= 0 && !seen.get(p)) {
              seen.set(p);
              parents.append('\t').append(p);
            }
          });
      StringBuilder sources = new StringBuilder();
      dag.forEachSource(r, f -> sources.append('\t').append(dag.fileName(f)));
      StringBuilder targets = new StringBuilder();
      dag.forEachTarget(r, f -> targets.append('\t').append(dag.fileName(f)));
      other("# NODE\t" + r + "\t" + cmd);
      other("# CATEGORY\t" + r + "\t" + rule.category());
      other("# SYMBOL\t" + r + "\t" + rule.category());
      other("# PARENTS\t" + r + parents);
      other("# SOURCES\t" + r + sources);
      other("# TARGETS\t" + r + targets);
      other("# COMMAND\t" + r + "\t" + cmd);
    }
  }

  private void other(String line) {
    append(new LogRecord.Other(line));
  }

  @Override
  public void marker(Marker marker) throws IOException {
    LogRecord.Marker.Kind kind =
        switch (marker) {
          case STARTED -> LogRecord.Marker.Kind.STARTED;
          case COMPLETED -> LogRecord.Marker.Kind.COMPLETED;
          case FAILED -> LogRecord.Marker.Kind.FAILED;
          case ABORTED -> LogRecord.Marker.Kind.ABORTED;
        };
    log.append(new LogRecord.Marker(kind, log.nowMicros()));
    log.flush();
  }

  @Override
  public void node(int rule, NodeStatus status, String jobId, Counts c) {
    append(
        new LogRecord.NodeState(
            log.nowMicros(),
            rule,
            status,
            parseJob(jobId),
            c.waiting(),
            c.running(),
            c.complete(),
            c.failed(),
            c.aborted(),
            c.total()));
  }

  @Override
  public void file(String name, FileStatus status, long size) {
    append(new LogRecord.FileState(log.nowMicros(), name, status, size));
  }

  @Override
  public void gc(int collected, long elapsedMicros, long totalCollected) {
    append(new LogRecord.Gc(log.nowMicros(), collected, elapsedMicros, (int) totalCollected));
  }

  /** {@code # ALLOCATION <µs> <category> cores=N memory=MB disk=MB gpus=N}: ignored by cctools. */
  @Override
  public void allocation(String category, dev.shoal.lang.model.Resources a) {
    other("# ALLOCATION " + log.nowMicros() + " " + category + fields(a));
  }

  /** {@code # TASK_ALLOCATION <µs> <rule> cores=N memory=MB disk=MB}: ignored by cctools. */
  @Override
  public void taskAllocation(int rule, dev.shoal.lang.model.Resources a) {
    other("# TASK_ALLOCATION " + log.nowMicros() + " " + rule + fields(a));
  }

  private static String fields(dev.shoal.lang.model.Resources a) {
    StringBuilder sb = new StringBuilder();
    if (a.cores() >= 0) {
      sb.append(" cores=").append(a.cores());
    }
    if (a.memoryMb() >= 0) {
      sb.append(" memory=").append(a.memoryMb());
    }
    if (a.diskMb() >= 0) {
      sb.append(" disk=").append(a.diskMb());
    }
    if (a.gpus() >= 0) {
      sb.append(" gpus=").append(a.gpus());
    }
    return sb.toString();
  }

  @Override
  public void flush() throws IOException {
    log.flush();
  }

  @Override
  public void writeThrough() throws IOException {
    log.writeThrough();
  }

  @Override
  public void forceWritten() throws IOException {
    log.forceWritten();
  }

  @Override
  public void close() throws IOException {
    log.close();
  }

  /** Records are buffered; an I/O error here means the log is unusable and the run must stop. */
  private void append(LogRecord record) {
    try {
      log.append(record);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write the transaction log " + log.file(), e);
    }
  }

  private static long parseJob(String jobId) {
    if (jobId == null) {
      return 0;
    }
    try {
      return Long.parseLong(jobId);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
