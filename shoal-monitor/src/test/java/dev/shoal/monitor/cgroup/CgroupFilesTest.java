package dev.shoal.monitor.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupFilesTest {
  @Test
  void single_numbersAndMax() {
    assertEquals(3129412859930L, CgroupFiles.single("3129412859930\n", "cpuacct.usage"));
    assertEquals(Long.MAX_VALUE, CgroupFiles.single("max\n", "pids.max"));
    assertThrows(IllegalArgumentException.class, () -> CgroupFiles.single("x", "memory.peak"));
  }

  @Test
  void keyed_memoryStatV1AndCpuStatV2() {
    var m = CgroupFiles.keyed("cache 9752576\nrss 4505600\ntotal_rss 202461184\n", "memory.stat");
    assertEquals(202461184L, m.get("total_rss"));
    assertEquals(
        1_234_000L,
        CgroupFiles.cpuStatUsageNanos("usage_usec 1234\nuser_usec 1000\nsystem_usec 234\n"));
    assertEquals(
        1L,
        CgroupFiles.keyed("oom_kill_disable 0\nunder_oom 0\noom_kill 1\n", "x").get("oom_kill"));
  }

  @Test
  void procs_onePidALine() {
    assertEquals(List.of(12L, 13L), CgroupFiles.procs("12\n13\n"));
  }

  @Test
  void ownPath_v1ControllersAndV2() {
    String text = "4:memory:/process_api/c7\n2:cpu,cpuacct:/\n0::/user.slice\n";
    assertEquals("/process_api/c7", CgroupFiles.ownPath(text, "memory"));
    assertEquals("/", CgroupFiles.ownPath(text, "cpuacct"));
    assertEquals("/user.slice", CgroupFiles.ownPath(text, ""));
  }

  @Test
  void detect_noneWhenNothingMounted(@TempDir Path dir) {
    assertInstanceOf(Cgroups.None.class, Cgroups.detect(dir, "0::/\n"));
  }

  @Test
  void detect_v2WithControllers(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("cgroup.controllers"), "cpu memory pids io\n");
    Files.createDirectories(dir.resolve("work"));
    Files.writeString(dir.resolve("work/cgroup.controllers"), "cpu memory pids\n");
    assertEquals(new Cgroups.V2(dir.resolve("work")), Cgroups.detect(dir, "0::/work\n"));
  }
}
