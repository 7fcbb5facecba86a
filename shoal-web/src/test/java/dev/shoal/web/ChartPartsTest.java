package dev.shoal.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.web.StepSeries.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartPartsTest {

  @Test
  void sweep_overlappingIntervals_sumsThem() {
    StepSeries s =
        StepSeries.sweep(
            List.of(new Interval(0, 10, 2), new Interval(5, 15, 1), new Interval(10, 12, 0.5)));
    assertArrayEquals(new double[] {0, 5, 10, 12, 15}, s.x());
    assertArrayEquals(new double[] {2, 3, 1.5, 1, 0}, s.y(), 1e-12);
    assertEquals(3, s.max());
    assertEquals(3, s.at(7));
    assertEquals(0, s.at(-1));
  }

  @Test
  void sweep_emptyAndNaNIntervals_areLeftOut() {
    StepSeries s = StepSeries.sweep(List.of(new Interval(3, 3, 1), new Interval(0, 1, Double.NaN)));
    assertEquals(0, s.x().length);
  }

  @Test
  void plus_twoSeries_addsPointWise() {
    StepSeries a = StepSeries.sweep(List.of(new Interval(0, 4, 1)));
    StepSeries b = StepSeries.sweep(List.of(new Interval(2, 6, 1)));
    StepSeries s = a.plus(b);
    assertArrayEquals(new double[] {0, 2, 4, 6}, s.x());
    assertArrayEquals(new double[] {1, 2, 1, 0}, s.y());
  }

  @Test
  void edges_wideRange_usesOneTwoFiveSteps() {
    assertArrayEquals(
        new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1}, Histogram.edges(0.013, 0.9));
    assertEquals(0, Histogram.bin(new double[] {1, 2, 5}, 1));
    assertEquals(1, Histogram.bin(new double[] {1, 2, 5}, 2));
    assertEquals(-1, Histogram.bin(new double[] {1, 2, 5}, 5));
    assertEquals(-1, Histogram.bin(new double[] {1, 2, 5}, Double.NaN));
  }

  @Test
  void edges_narrowRange_usesFinerSteps() {
    assertArrayEquals(new double[] {0.7, 1, 1.5, 2, 3, 5}, Histogram.edges(0.71, 4.16));
    assertArrayEquals(new double[] {3, 5}, Histogram.edges(3, 3));
  }

  @Test
  void ticks_maximum_isRoundedUpToANiceStep() {
    assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0), Axis.ticks(7.3, 5));
    assertEquals(50, Axis.niceMax(41, 5));
    assertEquals(1, Axis.niceMax(0, 5));
  }

  @Test
  void ticks_counts_areWholeNumbers() {
    assertEquals(List.of(0.0, 1.0, 2.0, 3.0), Axis.ticks(3, 5, 1));
    assertEquals(List.of(0.0, 1.0), Axis.ticks(1, 5, 1));
    assertEquals(List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0), Axis.ticks(44, 5, 1));
  }

  @Test
  void num_values_areShortWithoutTrailingZeros() {
    assertEquals("2", Fmt.num(2.0));
    assertEquals("1.5", Fmt.num(1.5));
    assertEquals("0.005", Fmt.num(0.0049));
    assertEquals("12.3", Fmt.num(12.34));
    assertEquals("109", Fmt.num(109.4));
    assertEquals("-", Fmt.num(Double.NaN));
    assertEquals("2m05s", Fmt.seconds(125));
    assertEquals("2h03m", Fmt.seconds(2 * 3600 + 3 * 60 + 10));
    assertEquals("38%", Fmt.percent(0.375));
  }
}
