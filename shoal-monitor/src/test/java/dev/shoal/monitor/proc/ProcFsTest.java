package dev.shoal.monitor.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsers of /proc text, on snapshots captured from a live system. */
class ProcFsTest {
  static ProcFs snapshot() throws URISyntaxException {
    return new ProcFs(Path.of(ProcFsTest.class.getResource("/proc").toURI()), 100, 4096);
  }

  @Test
  void stat_nameWithSpacesAndParentheses() throws Exception {
    ProcStat s = snapshot().stat(4242).orElseThrow();
    assertEquals("my (odd) name", s.comm());
    assertEquals('S', s.state());
    assertEquals(27999, s.ppid());
    assertEquals(4242, s.session());
    assertEquals(120, s.utime());
    assertEquals(30, s.stime());
    assertEquals(46, s.cutime());
    assertEquals(29, s.cstime());
    assertEquals(434087, s.startTime());
    assertEquals(5124096, s.vsize());
    assertEquals(943, s.rssPages());
  }

  @Test
  void status_vmLinesInKb() throws Exception {
    ProcStatus s = snapshot().status(4242).orElseThrow();
    assertEquals(1928, s.vmRssKb());
    assertTrue(s.vmSizeKb() > s.vmRssKb());
    assertEquals(1, s.threads());
  }

  @Test
  void io_charCountersAndBlockCounters() throws Exception {
    ProcIo io = snapshot().io(4242).orElseThrow();
    assertTrue(io.rchar() > 0);
    assertEquals(
        ProcIo.parse("rchar: 5\nwchar: 6\nread_bytes: 7\nwrite_bytes: 8\n"),
        new ProcIo(5, 6, 7, 8));
  }

  @Test
  void children_andPidsAndBootTime() throws Exception {
    ProcFs p = snapshot();
    assertEquals(List.of(4243L), p.children(4242));
    assertEquals(List.of(4242L, 4243L), p.pids().stream().sorted().toList());
    assertEquals(1795539217L, p.bootTimeSeconds());
    assertTrue(p.stat(99999).isEmpty(), "a process that is gone reads as empty");
  }

  @Test
  void table_parentsBeforeChildren() throws Exception {
    ProcTable t = ProcTable.read(snapshot());
    assertEquals(List.of(4242L, 4243L), t.byStartTime().stream().map(ProcStat::pid).toList());
  }
}
