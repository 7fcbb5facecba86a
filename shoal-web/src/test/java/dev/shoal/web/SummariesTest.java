package dev.shoal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummariesTest {

  static String resource(String name) throws IOException {
    try (InputStream in = SummariesTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parse_cctoolsSummary_readsSecondsAndMegabytes() throws Exception {
    // Written by Debian's resource_monitor 8.0.0 for "sleep 1": start/end in epoch seconds.
    Usage u = Summaries.parse(resource("cctools-sleep.summary"), "x.summary");
    assertEquals(1.062999, u.wallTimeS(), 1e-9);
    assertEquals(0.001933, u.cpuTimeS(), 1e-9);
    assertEquals(3, u.memoryMb());
    assertEquals(322, u.diskMb());
    assertEquals(0.002, u.cores(), 1e-9);
    assertEquals(0, u.gpus());
    assertEquals(1795543634358948L, u.startMicros());
    assertEquals(1795543635421947L, u.endMicros());
    assertEquals("normal", u.exitType());
    assertTrue(u.measured());
  }

  @Test
  void parse_microsecondsGigabytesAndBareNumbers_areConverted() throws Exception {
    Usage u =
        Summaries.parse(
            """
            {"start": [1795543634000000, "us"], "end": [1795543636500000, "us"],
             "wall_time": [2500, "ms"], "cpu_time": 1.5, "memory": [2, "GB"],
             "disk": [512, "kB"], "exit_type": "limit"}
            """,
            "s");
    assertEquals(1795543634000000L, u.startMicros());
    assertEquals(1795543636500000L, u.endMicros());
    assertEquals(2.5, u.wallTimeS(), 1e-12);
    assertEquals(1.5, u.cpuTimeS());
    assertEquals(2048, u.memoryMb());
    assertEquals(0.5, u.diskMb());
    assertTrue(Double.isNaN(u.cores()));
    assertEquals("limit", u.exitType());
  }

  @Test
  void parse_unknownUnit_throwsNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Summaries.parse("{\"memory\": [3, \"furlongs\"]}", "s"));
    assertTrue(e.getMessage().contains("furlongs"), e.getMessage());
  }

  @Test
  void readDirectory_keepsRuleSummariesAndWarnsAboutBrokenOnes(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("resource-rule-000003.summary"), "{\"cpu_time\": [2, \"s\"]}");
    Files.writeString(dir.resolve("resource-rule-12.summary"), "{\"cpu_time\": [1, \"s\"]}");
    Files.writeString(dir.resolve("resource-rule-000004.summary"), "{not json");
    Files.writeString(dir.resolve("resource-rule-000005.series"), "# wall_clock");
    Files.writeString(dir.resolve("other.summary"), "{}");
    List<String> warnings = new ArrayList<>();
    Map<Integer, Usage> byRule = Summaries.readDirectory(dir, warnings);
    assertEquals(List.of(3, 12), List.copyOf(byRule.keySet()));
    assertEquals(2, byRule.get(3).cpuTimeS());
    assertEquals(1, warnings.size());
    assertTrue(warnings.getFirst().contains("resource-rule-000004.summary"), warnings.toString());
    assertFalse(byRule.containsKey(4));
  }
}
