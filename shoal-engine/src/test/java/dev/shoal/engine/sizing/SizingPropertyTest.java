package dev.shoal.engine.sizing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.sizing.SizingMath.Candidate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SizingPropertyTest {

  private static final int ROUNDS = 500;

  @Test
  void minWasteAndMaxThroughput_randomHistograms_chooseTheBestBucket() {
    Random random = new Random(20261124L);
    for (int round = 0; round < ROUNDS; round++) {
      ResourceKind kind = random.nextBoolean() ? ResourceKind.CORES : ResourceKind.MEMORY;
      ResourceHistogram h = new ResourceHistogram(kind);
      int tasks = 1 + random.nextInt(200);
      for (int i = 0; i < tasks; i++) {
        long peak =
            random.nextInt(16) * kind.bucketWidth() + random.nextInt((int) kind.bucketWidth());
        h.add(peak, random.nextDouble() * 100);
      }
      long top = Math.max(h.roundedMax(), kind.bucketWidth() * random.nextInt(20));
      List<Candidate> all = SizingMath.candidates(h, top);
      long waste = SizingMath.minWaste(h, top);
      long throughput = SizingMath.maxThroughput(h, top);
      if (all.isEmpty()) {
        continue;
      }
      Candidate w = find(all, waste);
      Candidate t = find(all, throughput);
      String context = "round " + round + ", buckets " + h.buckets() + ", top " + top;
      for (Candidate other : all) {
        assertTrue(w.consumption() <= other.consumption(), context);
        assertTrue(t.throughput() >= other.throughput(), context);
      }
    }
  }

  private static Candidate find(List<Candidate> all, long value) {
    Candidate found = null;
    for (Candidate c : all) {
      if (c.value() == value) {
        found = c;
      }
    }
    assertFalse(found == null, "chosen value " + value + " is not a candidate bucket");
    return found;
  }
}
