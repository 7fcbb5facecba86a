package dev.shoal.worker.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchBundleTest {
  private static LaunchSpec spec(int i) {
    return new LaunchSpec(
        "echo " + i + " > out",
        Map.of("K", "v\"" + i),
        List.of(new LaunchSpec.Transfer("http://h/f/in" + i, "in", "key" + i)),
        List.of(new LaunchSpec.Transfer("http://h/f/out" + i, "out")),
        "",
        64,
        -1,
        -1);
  }

  @Test
  void bundle_roundTrips_andIsToldFromASingleSpec() {
    LaunchBundle b = new LaunchBundle(List.of(spec(0), spec(1), spec(2)));
    assertEquals(b, LaunchBundle.parse(b.toJson()));
    assertEquals(b, assertInstanceOf(LaunchBundle.class, LaunchBundle.parseTaskData(b.toJson())));
    assertEquals(spec(7), LaunchBundle.parseTaskData(spec(7).toJson()));
  }

  @Test
  void malformedBundle_namesTheMember() {
    String json = "{\"bundle\": [" + spec(0).toJson() + ", {\"command\": 3}]}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LaunchBundle.parseTaskData(json));
    assertTrue(e.getMessage().startsWith("bundle[1]: "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LaunchBundle.parse("{\"bundle\": []}"));
  }

  @Test
  void reports_roundTripByMemberIndex() {
    Map<Integer, LaunchReport> m = new LinkedHashMap<>();
    m.put(3, new LaunchReport(LaunchReport.Outcome.EXITED, 0, 0, "", "{\"x\":1}"));
    m.put(5, new LaunchReport(LaunchReport.Outcome.EXITED, 3, 0, "exited with 3", ""));
    BundleReports r = new BundleReports(m);
    assertEquals(r, BundleReports.parse(r.toJson()));
    assertEquals(List.of(3, 5), List.copyOf(BundleReports.parse(r.toJson()).reports().keySet()));
    assertThrows(IllegalArgumentException.class, () -> BundleReports.parse("{\"members\": [{}]}"));
  }
}
