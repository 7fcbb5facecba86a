package dev.shoal.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoal.engine.log.LogRecord.Event;
import dev.shoal.engine.log.LogRecord.FileState;
import dev.shoal.engine.log.LogRecord.Gc;
import dev.shoal.engine.log.LogRecord.Marker;
import dev.shoal.engine.log.LogRecord.NodeState;
import dev.shoal.engine.log.LogRecord.Other;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogCodecTest {

  private static void assertRoundTrip(String line, LogRecord record) throws CorruptLogException {
    assertEquals(line, LogCodec.format(record));
    assertEquals(record, LogCodec.parse(line, 1));
  }

  @Test
  void formatAndParse_everyRecordType_roundTrip() throws CorruptLogException {
    assertRoundTrip(
        "1795541341477672 0 1 19042 2 1 0 0 0 3",
        new NodeState(1795541341477672L, 0, NodeStatus.RUNNING, 19042, 2, 1, 0, 0, 0, 3));
    assertRoundTrip(
        "# FILE 1795541341479213 a.txt 2 2",
        new FileState(1795541341479213L, "a.txt", FileStatus.EXISTS, 2));
    assertRoundTrip(
        "# FILE 1795541341477129 a.txt 1 1073741824",
        new FileState(1795541341477129L, "a.txt", FileStatus.EXPECT, LogRecord.SIZE_HINT));
    for (Marker.Kind kind : Marker.Kind.values()) {
      assertRoundTrip("# " + kind + " 1795541341476901", new Marker(kind, 1795541341476901L));
    }
    assertRoundTrip("# GC 1795541341476901 3 120 7", new Gc(1795541341476901L, 3, 120, 7));
    assertRoundTrip(
        "# EVENT\t1795541341476901\thook_x\t42", new Event(1795541341476901L, "hook_x", 42));
    assertRoundTrip("# NODE\t2\tcat b.txt > c.txt", new Other("# NODE\t2\tcat b.txt > c.txt"));
  }

  @Test
  void formatAndParse_everyStatusCode_roundTrip() throws CorruptLogException {
    for (NodeStatus s : NodeStatus.values()) {
      assertRoundTrip(
          "5 7 " + s.code() + " 9 1 2 3 4 5 6", new NodeState(5, 7, s, 9, 1, 2, 3, 4, 5, 6));
    }
    for (FileStatus s : FileStatus.values()) {
      assertRoundTrip("# FILE 5 f " + s.code() + " 0", new FileState(5, "f", s, 0));
    }
  }

  @Test
  void formatAndParse_nameWithSpaces_keepsWholeName() throws CorruptLogException {
    assertRoundTrip(
        "# FILE 1795541405575497 my file.txt 1 1073741824",
        new FileState(1795541405575497L, "my file.txt", FileStatus.EXPECT, LogRecord.SIZE_HINT));
    assertRoundTrip("# FILE 1 a 2 3 4 5", new FileState(1, "a 2 3", FileStatus.DELETE, 5));
  }

  @Test
  void parse_nodeLineWithFourFields_countsNotRecorded() throws CorruptLogException {
    NodeState expected = NodeState.withoutCounts(1795541436000000L, 2, NodeStatus.COMPLETE, 3);
    assertRoundTrip("1795541436000000 2 2 3", expected);
    NodeState six = (NodeState) LogCodec.parse("1 2 2 3 0 0", 1);
    assertEquals(List.of(0, 0, -1), List.of(six.waiting(), six.running(), six.complete()));
    assertEquals("1 2 2 3 0 0", LogCodec.format(six));
  }

  @Test
  void parse_scanfWhiteSpaceAndExtraFields_acceptedLikeCctools() throws CorruptLogException {
    NodeState expected = new NodeState(10, 0, NodeStatus.COMPLETE, 1, 0, 0, 1, 0, 0, 3);
    assertEquals(expected, LogCodec.parse("10\t0\t2\t1 0 0 1 0 0 3\r", 1));
    assertEquals(expected, LogCodec.parse("  10 0 2 1 0 0 1 0 0 3", 1));
    assertEquals(expected, LogCodec.parse("10 0 2 1 0 0 1 0 0 3 99", 1));
    assertEquals(
        new FileState(1, "a.txt", FileStatus.EXISTS, 2), LogCodec.parse("#FILE 1 a.txt 2 2", 1));
    assertEquals(
        new FileState(1, "a.txt", FileStatus.EXISTS, 2), LogCodec.parse("# FILE 1 a.txt 2 2\r", 1));
  }

  @Test
  void parse_malformedOrUnknownHashLine_isOther() throws CorruptLogException {
    for (String line :
        List.of(
            "# FILE x a.txt 2 2",
            "# FILE 1 a.txt 2",
            "# STARTED",
            "# GC 1 2",
            "# hello world",
            "#",
            "# CACHE 1795541341476069 .makeflow_cache")) {
      assertEquals(new Other(line), LogCodec.parse(line, 1), line);
    }
  }

  @Test
  void parse_emptyLine_corrupt() {
    CorruptLogException e = assertThrows(CorruptLogException.class, () -> LogCodec.parse("", 2));
    assertEquals(2, e.lineNumber());
    assertNull(e.source());
    assertEquals("empty line", e.problem());
  }

  @Test
  void parse_badNodeLines_corruptWithReason() {
    assertEquals(
        "line 4: a node line needs at least 4 unsigned integer fields (timestamp node state job):"
            + " \"1795541436000000 0 2\"; the transaction log appears to be corrupted — repair or"
            + " delete this line, or move the log aside to run the whole workflow again",
        assertThrows(CorruptLogException.class, () -> LogCodec.parse("1795541436000000 0 2", 4))
            .getMessage());
    assertEquals(
        "node state 9 is not one of 0..4",
        assertThrows(CorruptLogException.class, () -> LogCodec.parse("1 2 9 3 0 0 3 0 0 3", 1))
            .problem());
    assertEquals(
        "file state 7 is not one of 0..6",
        assertThrows(CorruptLogException.class, () -> LogCodec.parse("# FILE 1 a 7 0", 1))
            .problem());
    assertThrows(CorruptLogException.class, () -> LogCodec.parse("-1 0 2 3", 1));
    assertThrows(CorruptLogException.class, () -> LogCodec.parse("garbage here", 1));
  }

  @Test
  void records_unloggableValues_rejected() {
    assertThrows(
        IllegalArgumentException.class, () -> new FileState(1, "a\nb", FileStatus.EXISTS, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new FileState(1, " a", FileStatus.EXISTS, 0));
    assertThrows(IllegalArgumentException.class, () -> new FileState(1, "", FileStatus.EXISTS, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NodeState(1, 0, NodeStatus.WAITING, 0, -1, 0, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Other("not a comment"));
    assertInstanceOf(IllegalArgumentException.class, catchIae(() -> NodeStatus.ofCode(5)));
    assertInstanceOf(IllegalArgumentException.class, catchIae(() -> FileStatus.ofCode(7)));
  }

  private static Throwable catchIae(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run);
  }
}
