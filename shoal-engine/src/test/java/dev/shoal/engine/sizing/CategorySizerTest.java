package dev.shoal.engine.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Resources;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CategorySizerTest {

  private static final long U = Resources.UNSET;
  static final Resources WORKER = new Resources(8, 16000, 64000, 0, U, U);

  static CategorySizer sizer(AllocationMode mode, Resources max) {
    return new CategorySizer(new SizerConfig("sim", mode, max, Resources.NONE, WORKER, 25));
  }

  /** A peak of {@code cores} and {@code memoryMb}, 100 MB of disk, no GPU. */
  static Resources peak(long cores, long memoryMb) {
    return new Resources(cores, memoryMb, 100, 0, U, U);
  }

  /** Records {@code n} successful tasks; returns the changes they caused. */
  static List<AllocationChange> run(CategorySizer s, int n, Resources peak, double seconds) {
    return IntStream.range(0, n)
        .mapToObj(i -> s.record(peak, seconds, true))
        .flatMap(Optional::stream)
        .toList();
  }

  @Test
  void firstAllocation_before25Completions_isWholeWorker() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, Resources.NONE);
    assertEquals(List.of(), run(s, 24, peak(1, 100), 10));
    assertFalse(s.steady());
    assertEquals(WORKER, s.firstAllocation());
  }

  @Test
  void record_25thCompletion_computesFirstAllocationAndReportsChange() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, Resources.NONE);
    run(s, 24, peak(1, 100), 10);
    Optional<AllocationChange> change = s.record(peak(1, 100), 10, true);
    // One bucket per resource: cores 1, memory 250, disk 250; GPUs all 0 → none.
    Resources expected = new Resources(1, 250, 250, 0, U, U);
    assertEquals(Optional.of(new AllocationChange("sim", WORKER, expected, 25)), change);
    assertEquals(expected, s.firstAllocation());
    assertTrue(s.steady());
    assertEquals(
        "category sim: first allocation cores 8 → 1, memory 16000 MB → 250 MB,"
            + " disk 64000 MB → 250 MB after 25 tasks",
        change.orElseThrow().describe());
  }

  @Test
  void record_50thCompletion_recomputes() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, Resources.NONE);
    run(s, 25, peak(1, 100), 10);
    // In steady state a larger peak does not reset; it only enters the histogram.
    assertEquals(List.of(), run(s, 24, peak(3, 100), 30));
    assertEquals(1, s.firstAllocation().cores());
    // cores: 25 at 1 × 10 s, 25 at 3 × 30 s. N=50, τ̄=(250+750)/50=20, a_m=3.
    // E(1)=20+3·(750/50)=65; E(3)=3·20=60 → 3.
    Optional<AllocationChange> change = s.record(peak(3, 100), 30, true);
    assertEquals(3, change.orElseThrow().after().cores());
    assertEquals(1, change.orElseThrow().before().cores());
    assertEquals(50, change.orElseThrow().completions());
    assertEquals(3, s.firstAllocation().cores());
  }

  @Test
  void record_recomputationWithSameResult_reportsNoChange() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, Resources.NONE);
    run(s, 25, peak(1, 100), 10);
    assertEquals(List.of(), run(s, 25, peak(1, 100), 10));
  }

  @Test
  void record_largeOutlierBeforeSteadyState_restartsCount() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, Resources.NONE);
    run(s, 10, peak(1, 100), 10);
    s.record(peak(4, 100), 10, true);
    assertEquals(0, s.completionsSinceReset());
    assertEquals(List.of(), run(s, 24, peak(1, 100), 10));
    assertEquals(WORKER, s.firstAllocation());
    // cores: 35 at 1, 1 at 4, 10 s each. τ̄=10, a_m=4. E(1)=10+4·(10/36)≈11.1; E(4)=40 → 1.
    assertEquals(1, s.record(peak(1, 100), 10, true).orElseThrow().after().cores());
  }

  @Test
  void record_outlierWithinRoundedMax_doesNotReset() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, Resources.NONE);
    run(s, 10, peak(1, 100), 10);
    s.record(peak(1, 240), 10, true); // 240 MB rounds to 250, the bucket of 100 MB
    assertEquals(11, s.completionsSinceReset());
    s.record(peak(1, 260), 10, true); // 260 MB rounds to 500 > 250
    assertEquals(0, s.completionsSinceReset());
  }

  @Test
  void record_outlierOfResourceWithExplicitMax_doesNotReset() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, new Resources(4, U, U, U, U, U));
    run(s, 10, peak(1, 100), 10);
    s.record(peak(4, 100), 10, true);
    assertEquals(11, s.completionsSinceReset());
  }

  @Test
  void record_unsuccessfulTasks_ignored() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, Resources.NONE);
    for (int i = 0; i < 30; i++) {
      assertEquals(Optional.empty(), s.record(peak(1, 100), 10, false));
    }
    assertEquals(0, s.completionsSinceReset());
    assertEquals(List.of(), s.buckets(ResourceKind.CORES));
    assertEquals(WORKER, s.firstAllocation());
  }

  @Test
  void record_unsetMeasurement_leavesThatResourceAtMax() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, Resources.NONE);
    run(s, 25, new Resources(1, U, U, U, U, U), 10);
    assertEquals(new Resources(1, 16000, 64000, 0, U, U), s.firstAllocation());
  }

  @Test
  void steadyTasks_tunable() {
    SizerConfig config =
        new SizerConfig("sim", AllocationMode.MAX, Resources.NONE, Resources.NONE, WORKER, 25)
            .withSteadyTasks(5);
    CategorySizer s = new CategorySizer(config);
    assertEquals(1, run(s, 5, peak(2, 100), 1).size());
    assertEquals(2, s.firstAllocation().cores());
  }

  @Test
  void fixed_userValuesAlways_neverRecomputed() {
    Resources user = new Resources(2, 1000, U, U, 60, U);
    CategorySizer s = sizer(AllocationMode.FIXED, user);
    assertEquals(user, s.firstAllocation());
    assertEquals(List.of(), run(s, 50, peak(1, 100), 10));
    assertEquals(user, s.firstAllocation());
    assertEquals(user, s.maxAllocation());
  }

  @Test
  void max_largestPeakPlusAThirdOfABucket() {
    CategorySizer s = sizer(AllocationMode.MAX, Resources.NONE);
    run(s, 25, peak(3, 480), 10);
    // cores 3+0=3; memory 480+83=563 → 750; disk 100+83=183 → 250; GPUs 0.
    assertEquals(new Resources(3, 750, 250, 0, U, U), s.firstAllocation());
  }
}
