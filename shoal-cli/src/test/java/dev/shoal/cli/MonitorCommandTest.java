package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorCommandTest {
  static int monitor(String... args) {
    return Main.execute(
        "resource_monitor",
        args,
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
  }

  @Test
  void exitCodes_successFailureLimits(@TempDir Path dir) throws Exception {
    assertEquals(0, monitor("-O", dir + "/a", "--", "true"));
    assertEquals(1, monitor("-O", dir + "/b", "--", "sh", "-c", "exit 3"));
    assertEquals(
        2, monitor("-i", "0.05", "-L", "wall_time: 0.3", "-O", dir + "/c", "--", "sleep", "10"));
    String c = Files.readString(dir.resolve("c.summary"));
    assertTrue(c.contains("\"exit_type\": \"limits\""), c);
    assertTrue(c.contains("\"wall_time\": [0.3,\"s\"]"), c);
  }

  @Test
  void timeSeries_writesSeriesFile(@TempDir Path dir) throws Exception {
    assertEquals(
        0,
        monitor(
            "-i",
            "0.05",
            "--with-time-series",
            "--no-pprint",
            "-O",
            dir + "/s",
            "--",
            "sleep",
            "0.3"));
    assertTrue(Files.readAllLines(dir.resolve("s.series")).size() > 8);
    assertEquals(1, Files.readAllLines(dir.resolve("s.summary")).size());
  }

  /** cctools' resource_monitor and ours on the same command: same keys, same units. */
  @Test
  void summary_sameKeysAndUnitsAsCctools(@TempDir Path dir) throws Exception {
    Path rm = Path.of("/usr/bin/resource_monitor");
    if (!Files.isExecutable(rm)) {
      assertTrue(
          !"1".equals(System.getenv("SHOAL_REQUIRE_CCTOOLS")),
          "SHOAL_REQUIRE_CCTOOLS=1 but /usr/bin/resource_monitor is missing:"
              + " apt-get install -y coop-computing-tools");
      assumeTrue(false, "cctools resource_monitor not installed");
    }
    String cmd = "head -c 5000000 /dev/zero > out; sleep 0.5";
    Process p =
        new ProcessBuilder(rm.toString(), "-O", "p1", "--", "sh", "-c", cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    } finally {
      p.destroyForcibly();
    }
    assertEquals(0, monitor("-O", dir + "/p2", "--", "sh", "-c", "cd " + dir + " && " + cmd));
    Map<String, String> theirs = units(Files.readString(dir.resolve("p1.summary")));
    Map<String, String> ours = units(Files.readString(dir.resolve("p2.summary")));
    assertEquals(theirs, ours);
  }

  /** Each top-level key with its unit ("" for plain values). */
  static Map<String, String> units(String text) throws Exception {
    Map<String, String> out = new TreeMap<>();
    JxObject o = (JxObject) Json.parse(text, "summary");
    for (Map.Entry<String, JxValue> e : o.fields().entrySet()) {
      String unit =
          e.getValue() instanceof JxArray a && a.size() == 2 && a.get(1) instanceof JxString u
              ? u.value()
              : e.getValue() instanceof JxObject ? "object" : "";
      out.put(e.getKey(), unit);
    }
    return out;
  }
}
