package dev.shoal.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.log.LogRecord.Marker;
import dev.shoal.engine.log.LogRecord.Other;
import dev.shoal.engine.log.ReplayedLog.FileEntry;
import dev.shoal.engine.log.ReplayedLog.NodeEntry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {

  @TempDir Path dir;

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(LogReaderTest.class.getResource("/cctools-logs/" + name)).toURI());
  }

  private static ReplayedLog replayFixture(String name) throws Exception {
    ReplayedLog log = LogReader.replay(fixture(name));
    assertEquals(List.of(), log.warnings(), name);
    return log;
  }

  private static void assertNode(ReplayedLog log, int id, NodeStatus status, long jobId) {
    NodeEntry node = log.node(id).orElseThrow(() -> new AssertionError("no node " + id));
    assertEquals(status, node.status(), "node " + id);
    assertEquals(jobId, node.jobId(), "job of node " + id);
  }

  private static void assertFile(ReplayedLog log, String name, FileStatus status, long size) {
    FileEntry file = log.file(name).orElseThrow(() -> new AssertionError("no file " + name));
    assertEquals(status, file.status(), name);
    assertEquals(size, file.size(), "size of " + name);
  }

  @Test
  void replay_cctoolsChain_allComplete() throws Exception {
    ReplayedLog log = replayFixture("chain.makeflowlog");
    assertNode(log, 0, NodeStatus.COMPLETE, 19042);
    assertNode(log, 1, NodeStatus.COMPLETE, 19043);
    assertNode(log, 2, NodeStatus.COMPLETE, 19045);
    assertFile(log, "a.txt", FileStatus.COMPLETE, 2);
    assertFile(log, "b.txt", FileStatus.COMPLETE, 4);
    assertFile(log, "c.txt", FileStatus.EXISTS, 6);
    assertFile(log, "Makeflow.batchlog", FileStatus.EXPECT, 0);
    assertEquals(1795541341479213L, log.file("a.txt").orElseThrow().createdMicros());
    assertEquals(1, log.runs());
    assertEquals(Marker.Kind.COMPLETED, log.lastMarker());
    assertEquals(17, log.lines());
    assertEquals(0, log.ignoredLines());
  }

  @Test
  void replay_cctoolsFailedRun_nodeFailedWithLastJob() throws Exception {
    ReplayedLog log = replayFixture("fail-run1.makeflowlog");
    assertNode(log, 0, NodeStatus.COMPLETE, 20589);
    assertNode(log, 1, NodeStatus.FAILED, 20601);
    assertFalse(log.node(2).isPresent());
    assertFile(log, "a.txt", FileStatus.EXISTS, 2);
    assertFile(log, "b.txt", FileStatus.EXPECT, LogRecord.SIZE_HINT);
    assertFile(log, "makeflow.failed.1", FileStatus.COMPLETE, 0);
    assertEquals(Marker.Kind.COMPLETED, log.lastMarker());
  }

  @Test
  void replay_cctoolsRerunAfterFix_allCompleteTwoRuns() throws Exception {
    ReplayedLog log = replayFixture("fail-rerun.makeflowlog");
    assertNode(log, 1, NodeStatus.COMPLETE, 20813);
    assertNode(log, 2, NodeStatus.COMPLETE, 20815);
    assertFile(log, "makeflow.failed.1", FileStatus.DELETE, 0);
    assertFile(log, "a.txt", FileStatus.COMPLETE, 0);
    assertEquals(2, log.runs());
  }

  @Test
  void replay_cctoolsFailureWithoutRetry_failed() throws Exception {
    ReplayedLog log = replayFixture("fail-noretry.makeflowlog");
    assertNode(log, 0, NodeStatus.FAILED, 6537);
    assertEquals(Marker.Kind.COMPLETED, log.lastMarker());
  }

  @Test
  void replay_cctoolsKilled_nodeStillRunning() throws Exception {
    ReplayedLog log = replayFixture("kill-killed.makeflowlog");
    assertNode(log, 0, NodeStatus.COMPLETE, 29507);
    assertNode(log, 1, NodeStatus.RUNNING, 29508);
    assertFalse(log.node(2).isPresent());
    assertEquals(Marker.Kind.STARTED, log.lastMarker());
  }

  @Test
  void replay_cctoolsRestartAfterKill_allComplete() throws Exception {
    ReplayedLog log = replayFixture("kill-restarted.makeflowlog");
    assertNode(log, 1, NodeStatus.COMPLETE, 29540);
    assertNode(log, 2, NodeStatus.COMPLETE, 29574);
    assertFile(log, "c.txt", FileStatus.EXISTS, 2);
    assertEquals(2, log.runs());
  }

  @Test
  void replay_cctoolsGcAll_intermediatesDeleted() throws Exception {
    ReplayedLog log = replayFixture("gc-all.makeflowlog");
    assertFile(log, "a.txt", FileStatus.DELETE, LogRecord.SIZE_HINT);
    assertFile(log, "b.txt", FileStatus.DELETE, LogRecord.SIZE_HINT);
    assertEquals(-1, log.file("a.txt").orElseThrow().createdMicros());
    assertFile(log, "c.txt", FileStatus.EXISTS, 6);
    assertNode(log, 2, NodeStatus.COMPLETE, 29604);
  }

  @Test
  void replay_cctoolsLogVerbose_verboseLinesIgnoredSpacedNameKept() throws Exception {
    ReplayedLog log = replayFixture("verbose.makeflowlog");
    assertEquals(21, log.ignoredLines());
    assertFile(log, "my file.txt", FileStatus.EXISTS, 2);
    assertFile(log, "b.txt", FileStatus.COMPLETE, 2);
    assertNode(log, 2, NodeStatus.COMPLETE, 30187);
    assertEquals(2, replayFixture("verbose-rerun.makeflowlog").runs());
  }

  @Test
  void replay_cctoolsCleanIntermediates_deletedWithoutNewStart() throws Exception {
    ReplayedLog log = replayFixture("clean-intermediates.makeflowlog");
    assertFile(log, "a.txt", FileStatus.DELETE, LogRecord.SIZE_HINT);
    assertFile(log, "b.txt", FileStatus.DELETE, LogRecord.SIZE_HINT);
    assertFile(log, "c.txt", FileStatus.EXISTS, 6);
    assertEquals(1, log.runs());
    assertEquals(Marker.Kind.COMPLETED, log.lastMarker());
  }

  @Test
  void replay_cctoolsSpacedIntermediate_creationTimeKept() throws Exception {
    ReplayedLog log = replayFixture("space-touched-rerun.makeflowlog");
    assertFile(log, "x y.txt", FileStatus.COMPLETE, 2);
    assertEquals(1795541414188097L, log.file("x y.txt").orElseThrow().createdMicros());
  }

  @Test
  void replay_handMadeNodeLines_complete() throws Exception {
    ReplayedLog log = replayFixture("handmade-nodes-only-rerun.makeflowlog");
    assertNode(log, 0, NodeStatus.COMPLETE, 1);
    assertNode(log, 2, NodeStatus.COMPLETE, 3);
    assertTrue(log.started());
  }

  @Test
  void read_everyCctoolsLine_formatsBackToSameBytes() throws Exception {
    for (String name :
        List.of(
            "chain.makeflowlog",
            "fail-rerun.makeflowlog",
            "fail-noretry.makeflowlog",
            "kill-restarted.makeflowlog",
            "gc-all.makeflowlog",
            "verbose-rerun.makeflowlog",
            "clean-intermediates.makeflowlog",
            "space-touched-rerun.makeflowlog")) {
      List<String> formatted = new ArrayList<>();
      LogReader.read(fixture(name), r -> formatted.add(LogCodec.format(r)));
      assertEquals(Files.readAllLines(fixture(name)), formatted, name);
    }
  }

  @Test
  void replay_tornLastLineWithoutLineBreak_ignoredWithWarning() throws Exception {
    Path log = dir.resolve("Makeflow.makeflowlog");
    Files.writeString(log, "1 0 2 7 0 0 1 0 0 2\n2 1 2 8 0 0 2 0");
    ReplayedLog replayed = LogReader.replay(log);
    assertNode(replayed, 0, NodeStatus.COMPLETE, 7);
    assertFalse(replayed.node(1).isPresent());
    assertEquals(
        List.of(
            log
                + ":2: ignoring the unfinished last line \"2 1 2 8 0 0 2 0\" (no line break: the"
                + " run was interrupted while writing it); what it recorded will be redone"),
        replayed.warnings());
    assertEquals(1, replayed.ignoredLines());
  }

  @Test
  void replay_unparseableLastLine_ignoredWithWarning() throws Exception {
    Path log = dir.resolve("Makeflow.makeflowlog");
    Files.writeString(log, "1 0 2 7 0 0 1 0 0 2\n2 1\n");
    ReplayedLog replayed = LogReader.replay(log);
    assertEquals(1, replayed.nodes().size());
    assertEquals(1, replayed.warnings().size());
    assertTrue(
        replayed.warnings().get(0).startsWith(log + ":2: ignoring the unreadable last line"));
  }

  @Test
  void replay_corruptedMiddleLine_failsWithFileLineAndRemedy() throws Exception {
    Path log = dir.resolve("Makeflow.makeflowlog");
    Files.writeString(log, "1 0 2 7 0 0 1 0 0 2\ngarbage here\n2 1 2 8 0 0 2 0 0 2\n");
    CorruptLogException e = assertThrows(CorruptLogException.class, () -> LogReader.replay(log));
    assertEquals(
        log
            + ":2: a node line needs at least 4 unsigned integer fields (timestamp node state"
            + " job): \"garbage here\"; the transaction log appears to be corrupted — repair or"
            + " delete this line, or move the log aside to run the whole workflow again",
        e.getMessage());
    assertEquals(2, e.lineNumber());
  }

  @Test
  void replay_emptyLineBeforeTornTail_corrupt() throws Exception {
    Path log = dir.resolve("Makeflow.makeflowlog");
    Files.writeString(log, "1 0 2 7 0 0 1 0 0 2\n\n2 1 2");
    assertEquals(
        2, assertThrows(CorruptLogException.class, () -> LogReader.replay(log)).lineNumber());
  }

  @Test
  void replay_unknownHashLines_ignored() throws Exception {
    Path log = dir.resolve("Makeflow.makeflowlog");
    Files.writeString(log, "# hello\n# CACHE 1 dir\n1 0 2 7\n");
    List<LogRecord> records = new ArrayList<>();
    LogReader.read(log, records::add);
    assertEquals(new Other("# hello"), records.get(0));
    ReplayedLog replayed = LogReader.replay(log);
    assertEquals(2, replayed.ignoredLines());
    assertFalse(replayed.started());
    assertNode(replayed, 0, NodeStatus.COMPLETE, 7);
  }

  @Test
  void replay_millionLines_fast() throws IOException {
    Path log = dir.resolve("big.makeflowlog");
    try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      long ts = 1795541341476069L;
      for (int i = 0; i < 250_000; i++) {
        w.write("# FILE " + ts++ + " out/file" + i + ".txt 1 1073741824\n");
        w.write(ts++ + " " + i + " 1 " + (1000 + i) + " 1 1 0 0 0 250000\n");
        w.write("# FILE " + ts++ + " out/file" + i + ".txt 2 12345\n");
        w.write(ts++ + " " + i + " 2 " + (1000 + i) + " 1 0 1 0 0 250000\n");
      }
    }
    long start = System.nanoTime();
    ReplayedLog replayed = LogReader.replay(log);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(1_000_000, replayed.lines());
    assertEquals(250_000, replayed.nodes().size());
    assertNode(replayed, 249_999, NodeStatus.COMPLETE, 250_999);
    assertTrue(millis < 5_000, "replay of 1,000,000 lines took " + millis + " ms");
  }
}
