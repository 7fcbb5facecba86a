package dev.shoal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pure folding of samples, with made-up times: no clock, no processes. */
class AccumulatorTest {
  @Test
  void cores_peakOverOneSecondWindow() {
    Accumulator a = new Accumulator(0, 1_000_000, 4);
    for (int i = 1; i <= 10; i++) {
      long t = i * 500_000L;
      long cpu = i <= 4 ? t * 2 : 4_000_000 + (t - 2_000_000) / 2; // 2 cores, then half a core
      a.add(t, cpu, 2, 2, 100, 200, 0, 0, 0, 0, 0, 0);
    }
    Usage u = a.usage(5_000_000);
    assertEquals(2.0, u.cores(), 1e-9);
    assertEquals(5.5, u.value(Resource.CPU_TIME), 1e-9);
    assertEquals(1.1, u.coresAvg(), 1e-9);
    assertEquals(500_000L, a.peakTimes().get(Resource.CORES));
  }

  @Test
  void limits_exceededNamesResource() {
    Accumulator a = new Accumulator(0, 1_000_000, 4);
    a.add(3_000_000, 0, 1, 1, 50L << 20, 0, 0, 0, 0, 0, 0, 0);
    assertEquals(
        java.util.Map.of(Resource.WALL_TIME, 2.0),
        Limits.parse("wall_time: 2, memory: 100").exceededBy(a.usage(3_000_000)));
  }

  @Test
  void cores_neverAboveTheMachinesProcessors() {
    Accumulator a = new Accumulator(0, 1_000_000, 2);
    // 40 ms of CPU seen 5 ms after attaching (a delayed sampler, or CPU spent before the attach):
    // 8 cores by the rates, 2 by the machine.
    a.add(5_000, 40_000, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    assertEquals(2.0, a.usage(5_000).cores(), 1e-9);
    a.add(3_000_000, 9_000_000, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    assertEquals(2.0, a.usage(3_000_000).cores(), 1e-9);
  }
}
