package dev.shoal.engine.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.lang.model.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceHistogramTest {

  @Test
  void roundUp_memory_toMultiplesOf250() {
    assertEquals(0, ResourceKind.MEMORY.roundUp(0));
    assertEquals(250, ResourceKind.MEMORY.roundUp(1));
    assertEquals(250, ResourceKind.MEMORY.roundUp(250));
    assertEquals(500, ResourceKind.MEMORY.roundUp(251));
    assertEquals(1000, ResourceKind.DISK.roundUp(999));
  }

  @Test
  void roundUp_coresAndGpus_unchanged() {
    assertEquals(3, ResourceKind.CORES.roundUp(3));
    assertEquals(1, ResourceKind.GPUS.roundUp(1));
    assertEquals(0, ResourceKind.CORES.roundUp(0));
  }

  @Test
  void add_peaksInOneBucket_countAndTimeAccumulate() {
    ResourceHistogram h = new ResourceHistogram(ResourceKind.MEMORY);
    h.add(100, 10);
    h.add(250, 5.5);
    h.add(251, 2);
    h.add(0, 1);
    assertEquals(
        List.of(new Bucket(0, 1, 1), new Bucket(250, 2, 15.5), new Bucket(500, 1, 2)), h.buckets());
    assertEquals(4, h.count());
    assertEquals(18.5, h.wallTimeSeconds());
    assertEquals(251, h.maxSeen());
    assertEquals(500, h.roundedMax());
  }

  @Test
  void maxSeen_empty_isUnset() {
    ResourceHistogram h = new ResourceHistogram(ResourceKind.CORES);
    assertTrue(h.isEmpty());
    assertEquals(Resources.UNSET, h.maxSeen());
    assertEquals(Resources.UNSET, h.roundedMax());
  }

  @Test
  void add_negativePeakOrTime_rejectedWithValues() {
    ResourceHistogram h = new ResourceHistogram(ResourceKind.DISK);
    var e = assertThrows(IllegalArgumentException.class, () -> h.add(-1, 3));
    assertEquals("cannot add a DISK peak of -1 with wall time 3.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> h.add(1, Double.NaN));
  }
}
