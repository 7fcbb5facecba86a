package dev.shoal.engine.sizing;

import static dev.shoal.engine.sizing.CategorySizerTest.WORKER;
import static dev.shoal.engine.sizing.CategorySizerTest.peak;
import static dev.shoal.engine.sizing.CategorySizerTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Category;
import dev.shoal.lang.model.Resources;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Caps, minimums, user values carried through, and configuration. */
class SizerBoundsTest {

  private static final long U = Resources.UNSET;

  private static CategorySizer sizer(
      AllocationMode mode, Resources max, Resources min, Resources w) {
    return new CategorySizer(new SizerConfig("sim", mode, max, min, w, 25));
  }

  @Test
  void maxAllocation_explicitMaxOverWorker() {
    CategorySizer s =
        sizer(AllocationMode.MIN_WASTE, new Resources(2, U, U, U, U, U), Resources.NONE, WORKER);
    assertEquals(new Resources(2, 16000, 64000, 0, U, U), s.maxAllocation());
    assertEquals(s.maxAllocation(), s.firstAllocation());
    assertEquals(s.maxAllocation(), s.allocationFor(Label.MAX));
  }

  @Test
  void firstAllocation_aboveExplicitMax_capped() {
    // MAX mode would give 3 cores; the category allows 2.
    CategorySizer s =
        sizer(AllocationMode.MAX, new Resources(2, U, U, U, U, U), Resources.NONE, WORKER);
    run(s, 25, peak(3, 100), 10);
    assertEquals(2, s.firstAllocation().cores());
  }

  @Test
  void firstAllocation_aboveWorker_cappedEvenOffBucket() {
    // 480 MB → 750 MB in MAX mode, but the worker has 600 MB.
    Resources worker = new Resources(8, 600, 64000, 0, U, U);
    CategorySizer s = sizer(AllocationMode.MAX, Resources.NONE, Resources.NONE, worker);
    run(s, 25, peak(1, 480), 10);
    assertEquals(600, s.firstAllocation().memoryMb());
  }

  @Test
  void firstAllocation_belowMinimum_raisedThenRounded() {
    // MIN_WASTE picks 250 MB; the minimum 1000 MB wins. A minimum of 300 MB rounds up to 500.
    CategorySizer s =
        sizer(AllocationMode.MIN_WASTE, Resources.NONE, new Resources(U, 1000, U, U, U, U), WORKER);
    run(s, 25, peak(1, 100), 10);
    assertEquals(1000, s.firstAllocation().memoryMb());
    CategorySizer t =
        sizer(AllocationMode.MIN_WASTE, Resources.NONE, new Resources(U, 300, U, U, U, U), WORKER);
    run(t, 25, peak(1, 100), 10);
    assertEquals(500, t.firstAllocation().memoryMb());
  }

  @Test
  void firstAllocation_explicitMaxIsTheRetryCost() {
    // 90 at 1 core × 10 s, 10 at 4 × 100 s; explicit max 8 → a_m=8: E(1)=99 > E(4)=76 → 4
    // (with a_m=4 from the histogram it would be 1, see SizingMathTest).
    CategorySizer s =
        sizer(AllocationMode.MIN_WASTE, new Resources(8, U, U, U, U, U), Resources.NONE, WORKER);
    for (int i = 0; i < 100; i++) {
      boolean big = i % 10 == 9;
      s.record(peak(big ? 4 : 1, 100), big ? 100 : 10, true);
    }
    assertEquals(4, s.firstAllocation().cores());
  }

  @Test
  void firstAllocation_wallTimeAndMpi_areTheUsersValues() {
    Resources user = new Resources(U, U, U, U, 60, 2);
    CategorySizer s = sizer(AllocationMode.MAX_THROUGHPUT, user, Resources.NONE, WORKER);
    run(s, 25, new Resources(1, 100, 100, 0, 55, U), 10);
    assertEquals(new Resources(1, 250, 250, 0, 60, 2), s.firstAllocation());
  }

  @Test
  void of_categoryWithoutMode_takesDefaultMode() {
    Category plain = new Category("a", new Resources(4, U, U, U, U, U), null, Map.of());
    Category waste = new Category("b", Resources.NONE, AllocationMode.MIN_WASTE, Map.of());
    SizerConfig c = SizerConfig.of(plain, AllocationMode.MAX_THROUGHPUT, WORKER);
    assertEquals(AllocationMode.MAX_THROUGHPUT, c.mode());
    assertEquals(new Resources(4, U, U, U, U, U), c.max());
    assertEquals(25, c.steadyTasks());
    assertEquals(
        AllocationMode.MIN_WASTE, SizerConfig.of(waste, AllocationMode.FIXED, WORKER).mode());
  }

  @Test
  void config_steadyTasksBelowOne_rejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SizerConfig(
                    "x", AllocationMode.MAX, Resources.NONE, Resources.NONE, WORKER, 0));
    assertEquals("category x: steady-state task count must be at least 1, not 0", e.getMessage());
  }
}
