package dev.shoal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes under a monitor with the machine's cgroups (or /proc when there are none). */
class TaskMonitorProcessTest {
  static TaskMonitor m;

  @BeforeAll
  static void start() {
    m = Tasks.monitor(50);
    System.out.println("monitor: " + m.cgroups().describe());
  }

  @AfterAll
  static void stop() {
    m.close();
  }

  static void report(String what, Summary s) {
    System.out.println(what + ": " + SummaryJson.write(s, false));
  }

  @Test
  void memory_bytearray300MbWithin10Percent() throws Exception {
    Summary s =
        Tasks.run(
            m,
            "python3 -c 'import time; b = bytearray(300*1024*1024); time.sleep(1.0)'",
            Limits.NONE,
            Duration.ofSeconds(20));
    report("memory", s);
    double mb = s.usage().value(Resource.MEMORY);
    assertTrue(mb >= 300 * 0.9 && mb <= 300 * 1.1, "memory " + mb + " MB, expected 300 ± 10 %");
    assertEquals(ExitType.NORMAL, s.exitType());
  }

  @Test
  void cores_twoBusyProcessesForThreeSeconds(@TempDir Path dir) throws Exception {
    // The shell's own account of its reaped children ("times") is the truth to compare with: on a
    // busy machine two loops may get less than two cores.
    Path times = dir.resolve("times");
    Summary s =
        Tasks.run(
            m,
            "sh -c 'while :; do :; done' & a=$!; sh -c 'while :; do :; done' & b=$!;"
                + " sleep 3; kill $a $b; wait; times > "
                + times,
            Limits.NONE,
            Duration.ofSeconds(20));
    report("cores", s);
    String[] kids = Files.readAllLines(times).get(1).trim().split("\\s+");
    double truth = seconds(kids[0]) + seconds(kids[1]);
    System.out.println("cores: the shell's times for its children: " + truth + " s");
    double cpu = s.usage().value(Resource.CPU_TIME);
    assertTrue(
        cpu >= truth * 0.9 && cpu <= truth * 1.1 + 0.1,
        "cpu_time " + cpu + " s, the shell counted " + truth + " s");
    double cores = s.usage().cores();
    // The peak over a one-second window is at least the average (2 on an idle machine), never
    // more than the machine's two cores.
    double avg = Math.min(2, truth / 3);
    assertTrue(
        cores >= avg * 0.9 && cores <= 2.2,
        "cores " + cores + ", expected between " + avg + " (2 on an idle machine) and 2.2");
  }

  /** "0m5.780s" as seconds. */
  static double seconds(String t) {
    int m = t.indexOf('m');
    return Integer.parseInt(t.substring(0, m)) * 60
        + Double.parseDouble(t.substring(m + 1, t.length() - 1));
  }

  @Test
  void processes_fiftyShortChildrenCountedWithTheirCpu(@TempDir Path dir) throws Exception {
    // Each child burns about 0.1 s of CPU: longer than the 50 ms interval, far shorter than 1 s.
    // The shell's own account of its reaped children ("times") is the truth to compare with.
    Path times = dir.resolve("times");
    String child = "i=0; while [ $i -lt 150000 ]; do i=$((i+1)); done";
    Summary s =
        Tasks.run(
            m,
            "n=0; while [ $n -lt 10 ]; do for k in 1 2 3 4 5; do sh -c '"
                + child
                + "' & done; wait; n=$((n+1)); done; times > "
                + times,
            Limits.NONE,
            Duration.ofSeconds(60));
    report("fifty", s);
    assertTrue(s.usage().totalProcesses() >= 50, "total_processes " + s.usage().totalProcesses());
    String[] kids = Files.readAllLines(times).get(1).trim().split("\\s+");
    double truth = seconds(kids[0]) + seconds(kids[1]);
    double cpu = s.usage().value(Resource.CPU_TIME);
    assertTrue(
        cpu >= truth * 0.9 && cpu <= truth * 1.1 + 0.2,
        "cpu_time " + cpu + " s, the shell counted " + truth + " s for its 50 children");
  }

  @Test
  void limits_forkBombStoppedByProcessLimit() throws Exception {
    // Depth-capped: 2^12 processes at most, even with no limit; pids.max stops it near 30.
    String bomb = "b() { [ $1 -gt 12 ] && exit; b $(($1+1)) & b $(($1+1)) & wait; }; b 0";
    Summary s =
        Tasks.run(
            m,
            "bash -c '" + bomb + "'",
            Limits.parse("max_concurrent_processes: 30"),
            Duration.ofSeconds(30));
    report("forkbomb", s);
    assertEquals(ExitType.LIMIT, s.exitType());
    assertTrue(s.limitsExceeded().containsKey(Resource.MAX_CONCURRENT_PROCESSES));
  }

  @Test
  void limits_daemonIsMeasuredAndKilled() throws Exception {
    Summary s =
        Tasks.run(
            m,
            "( setsid sh -c 'python3 -c \"import time; b = bytearray(120*1024*1024);"
                + " time.sleep(30)\" &' & ); sleep 30",
            Limits.parse("memory: 60"),
            Duration.ofSeconds(20));
    report("daemon", s);
    assertEquals(ExitType.LIMIT, s.exitType());
    assertEquals(Map.of(Resource.MEMORY, 60.0), s.limitsExceeded());
    // The kernel backstop (memory.limit_in_bytes) may kill the allocation before a sample sees it.
    assertTrue(s.usage().totalProcesses() >= 3, "the daemon was followed");
  }

  @Test
  void limits_wallTimeKillsTree() throws Exception {
    Summary s =
        Tasks.run(m, "sleep 30 & sleep 30", Limits.parse("wall_time: 0.5"), Duration.ofSeconds(10));
    report("wall", s);
    assertEquals(ExitType.LIMIT, s.exitType());
    assertTrue(s.limitsExceeded().containsKey(Resource.WALL_TIME));
    assertTrue(s.usage().value(Resource.WALL_TIME) < 2, "killed within an interval or so");
  }

  @Test
  void limits_coresKillsTree() throws Exception {
    Summary s =
        Tasks.run(
            m,
            "sh -c 'while :; do :; done' & sh -c 'while :; do :; done' & wait",
            // Far below what two busy loops get even on a loaded 2-core machine (load 6 leaves them
            // about 0.5 cores), so the limit is crossed however busy the machine is.
            Limits.parse("cores: 0.25"),
            Duration.ofSeconds(15));
    report("cores-limit", s);
    assertEquals(ExitType.LIMIT, s.exitType());
    assertTrue(s.limitsExceeded().containsKey(Resource.CORES));
  }

  @Test
  void limits_diskOfMeasuredDirectory(@TempDir Path dir) throws Exception {
    String script = "head -c 30000000 /dev/zero > " + dir.resolve("big") + "; sleep 20";
    MonitoredTask t =
        m.prepare(Tasks.name("disk"), new TaskConfig(script, Limits.parse("disk: 10"), dir, false));
    Process p =
        new ProcessBuilder(
                "/bin/sh", "-c", t.joinSnippet() + "exec /bin/sh -c \"$1\"", "sh", script)
            .start();
    try {
      t.attach(p.pid());
      assertTrue(p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS));
      Summary s = t.finish(ExitStatus.fromShell(p.exitValue()));
      report("disk", s);
      assertEquals(ExitType.LIMIT, s.exitType());
      assertTrue(s.limitsExceeded().containsKey(Resource.DISK));
      assertTrue(Files.size(dir.resolve("big")) > 10 << 20);
    } finally {
      p.destroyForcibly();
      t.release();
    }
  }
}
