package dev.shoal.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.log.LogRecord.FileState;
import dev.shoal.engine.log.LogRecord.Marker;
import dev.shoal.engine.log.LogRecord.NodeState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionLogTest {

  @TempDir Path dir;

  /** A clock that moves only when told to, or by {@code step} on every read. */
  private static final class FakeClock implements MicrosClock {
    final AtomicLong now = new AtomicLong(1_795_541_341_000_000L);
    volatile long step;

    @Override
    public long nowMicros() {
      return now.getAndAdd(step);
    }
  }

  private final FakeClock clock = new FakeClock();

  private static NodeState running(long ts, int node) {
    return new NodeState(ts, node, NodeStatus.RUNNING, 100 + node, 1, 1, 0, 0, 0, 2);
  }

  @Test
  void flush_afterAppends_bytesVisibleToSeparateReader() throws IOException {
    Path file = dir.resolve("Makeflow.makeflowlog");
    try (TransactionLog log = TransactionLog.open(file, clock)) {
      long ts = log.nowMicros();
      log.append(
          new FileState(ts, "a.txt", FileStatus.EXPECT, dev.shoal.engine.log.LogRecord.SIZE_HINT));
      log.append(running(ts + 1, 0));
      assertEquals(0, Files.size(file));
      assertEquals(2, log.pendingLines());
      log.flush();
      assertEquals(0, log.pendingLines());
      assertEquals(
          List.of(
              "# FILE 1795541341000000 a.txt 1 1073741824", "1795541341000001 0 1 100 1 1 0 0 0 2"),
          Files.readAllLines(file));
    }
  }

  @Test
  void append_marker_forcedAtOnceWithEarlierLines() throws IOException {
    Path file = dir.resolve("Makeflow.makeflowlog");
    try (TransactionLog log = TransactionLog.open(file, clock)) {
      log.append(running(5, 0));
      log.append(new Marker(Marker.Kind.STARTED, 6));
      assertEquals(0, log.pendingLines());
      assertEquals(List.of("5 0 1 100 1 1 0 0 0 2", "# STARTED 6"), Files.readAllLines(file));
    }
  }

  @Test
  void open_existingLog_appendsAfterIt() throws IOException {
    Path file = dir.resolve("Makeflow.makeflowlog");
    Files.writeString(file, "# STARTED 1\n");
    try (TransactionLog log = TransactionLog.open(file, clock)) {
      log.append(new Marker(Marker.Kind.COMPLETED, 2));
    }
    assertEquals(List.of("# STARTED 1", "# COMPLETED 2"), Files.readAllLines(file));
  }

  @Test
  void open_tornLastLine_cutBeforeAppending() throws IOException {
    Path file = dir.resolve("Makeflow.makeflowlog");
    Files.writeString(file, "# STARTED 1\n2 0 2 3 0 0");
    try (TransactionLog log = TransactionLog.open(file, clock)) {
      log.append(new Marker(Marker.Kind.STARTED, 4));
    }
    assertEquals(List.of("# STARTED 1", "# STARTED 4"), Files.readAllLines(file));
    assertEquals(2, LogReader.replay(file).runs());
  }

  @Test
  void open_onlyTornLine_emptiedBeforeAppending() throws IOException {
    Path file = dir.resolve("Makeflow.makeflowlog");
    Files.writeString(file, "1795541436000000 2 2 3 0 0");
    try (TransactionLog log = TransactionLog.open(file, clock)) {
      log.append(new Marker(Marker.Kind.STARTED, 4));
    }
    assertEquals("# STARTED 4\n", Files.readString(file));
  }

  @Test
  void close_pendingLines_flushedAndFurtherUseRefused() throws IOException {
    Path file = dir.resolve("Makeflow.makeflowlog");
    TransactionLog log = TransactionLog.open(file, clock);
    log.append(running(5, 1));
    log.close();
    log.close();
    assertEquals(List.of("5 1 1 101 1 1 0 0 0 2"), Files.readAllLines(file));
    assertThrows(IllegalStateException.class, () -> log.append(running(6, 1)));
  }

  @Test
  void append_manyLines_roundTripThroughReader() throws IOException {
    Path file = dir.resolve("Makeflow.makeflowlog");
    try (TransactionLog log = TransactionLog.open(file, clock)) {
      log.append(new Marker(Marker.Kind.STARTED, 1));
      for (int i = 0; i < 10_000; i++) {
        log.append(new FileState(10 + i, "out " + i, FileStatus.EXISTS, i));
        log.append(new NodeState(10 + i, i, NodeStatus.COMPLETE, i, 0, 0, i + 1, 0, 0, 10_000));
        if (i % 100 == 99) {
          log.flush();
        }
      }
      log.append(new Marker(Marker.Kind.COMPLETED, 99_999));
    }
    ReplayedLog replayed = LogReader.replay(file);
    assertEquals(10_000, replayed.nodes().size());
    assertEquals(FileStatus.EXISTS, replayed.file("out 9999").orElseThrow().status());
    assertEquals(Marker.Kind.COMPLETED, replayed.lastMarker());
  }

  @Test
  void flush_slowFsync_loggedAsWarning() throws IOException {
    Logger jul = Logger.getLogger(TransactionLog.class.getName());
    List<java.util.logging.LogRecord> seen = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            seen.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.addHandler(handler);
    try (TransactionLog log = TransactionLog.open(dir.resolve("Makeflow.makeflowlog"), clock)) {
      log.append(running(5, 0));
      clock.step = 1_500_000;
      log.flush();
      clock.step = 0;
    } finally {
      jul.removeHandler(handler);
    }
    assertEquals(1, seen.size());
    assertEquals(java.util.logging.Level.WARNING, seen.get(0).getLevel());
    assertTrue(seen.get(0).getMessage().startsWith("fsync of"), seen.get(0).getMessage());
  }
}
