package dev.shoal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryJsonTest {
  static String resource(String name) throws Exception {
    return Files.readString(Path.of(SummaryJsonTest.class.getResource("/" + name).toURI()));
  }

  @Test
  void parse_cctoolsSummary() throws Exception {
    Summary s = SummaryJson.parse(resource("cctools-8.0.0.summary"), "p1.summary");
    assertEquals(ExitType.NORMAL, s.exitType());
    assertEquals(4, s.usage().value(Resource.MEMORY));
    assertEquals(41, s.usage().totalProcesses());
    assertEquals(1.165506, s.usage().value(Resource.WALL_TIME), 1e-6);
  }

  @Test
  void parse_cctoolsLimitsSummary() throws Exception {
    Summary s = SummaryJson.parse(resource("cctools-8.0.0-limits.summary"), "p2.summary");
    assertEquals(ExitType.LIMIT, s.exitType());
    assertEquals(Map.of(Resource.WALL_TIME, 1.0), s.limitsExceeded());
    assertEquals(143, s.exitStatus());
  }

  @Test
  void write_roundTripsAndUsesPlainNumbers() {
    Usage u =
        new Usage(
            2_500_000, 5_000_000, 1.99, 300L << 20, 400L << 20, 0, 1 << 20, 0, 0, 0, 3, 7, 10);
    Summary s =
        new Summary(
            "sh -c x",
            1795543681647861L,
            1795543684147861L,
            ExitType.LIMIT,
            137,
            9,
            u,
            Map.of(Resource.MEMORY, 100.0),
            Map.of(Resource.MEMORY, 1_200_000L),
            2,
            "vm");
    String text = SummaryJson.write(s, false);
    assertTrue(text.contains("\"start\":[1795543681.647861,\"s\"]"), text);
    assertTrue(text.contains("\"memory\":[300,\"MB\"]"), text);
    assertTrue(text.contains("\"exit_type\":\"limits\""), text);
    Summary back = SummaryJson.parse(SummaryJson.write(s, true), "x");
    assertEquals(s.limitsExceeded(), back.limitsExceeded());
    assertEquals(u.value(Resource.MEMORY), back.usage().value(Resource.MEMORY));
    assertEquals(s.startMicros(), back.startMicros());
  }

  @Test
  void limits_parseStringAndJson() {
    assertEquals(
        Map.of(Resource.MEMORY, 1024.0, Resource.WALL_TIME, 3600.0),
        Limits.parse("memory: 1024, wall_time: 3600").values());
    assertEquals(
        Map.of(Resource.WALL_TIME, 3600.0, Resource.CORES, 2.0),
        Limits.parseFile("{\"wall_time\":[3600,\"s\"], \"cores\": 2}", "f").values());
  }
}
