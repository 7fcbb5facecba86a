package dev.shoal.engine.sizing;

import static dev.shoal.engine.sizing.Histograms.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.engine.sizing.SizingMath.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed answers. Notation: N tasks, τ̄ = ΣT/N, τ_>(a) = (time of tasks above a)/N, E(a) =
 * a·τ̄ + a_m·τ_>(a), Θ(a) = [(a_m/a)·P_≤(a) + P_>(a)] / [τ̄ + τ_>(a)].
 */
class SizingMathTest {

  private static final double EPS = 1e-9;

  private static void assertScores(Candidate c, long value, double e, double theta) {
    assertEquals(value, c.value());
    assertEquals(e, c.consumption(), EPS, "E(" + value + ")");
    assertEquals(theta, c.throughput(), EPS, "Θ(" + value + ")");
  }

  @Test
  void candidates_allSmall_bothModesPickOneCore() {
    // 95 tasks at 1 core and 5 at 2 cores, 10 s each. N=100, ΣT=1000, τ̄=10, a_m=2.
    // a=1: τ_>=50/100=0.5; E=1·10+2·0.5=11;  Θ=[(2/1)·0.95+0.05]/[10+0.5]=1.95/10.5
    // a=2: τ_>=0;          E=2·10=20;        Θ=[1·1+0]/10=0.1
    ResourceHistogram h = Histograms.of(ResourceKind.CORES, row(1, 95, 10), row(2, 5, 10));
    List<Candidate> c = SizingMath.candidates(h, 2);
    assertScores(c.get(0), 1, 11, 1.95 / 10.5);
    assertScores(c.get(1), 2, 20, 0.1);
    assertEquals(1, SizingMath.minWaste(h, 2));
    assertEquals(1, SizingMath.maxThroughput(h, 2));
  }

  @Test
  void candidates_bimodalNinetyTen_bothModesPickOneCore() {
    // 90 tasks at 1 core × 10 s, 10 tasks at 4 cores × 100 s. ΣT=900+1000=1900, τ̄=19, a_m=4.
    // a=1: τ_>=1000/100=10; E=1·19+4·10=59; Θ=[4·0.9+0.1]/[19+10]=3.7/29≈0.1276
    // a=4: τ_>=0;           E=4·19=76;      Θ=[1·1+0]/19≈0.0526
    ResourceHistogram h = Histograms.of(ResourceKind.CORES, row(1, 90, 10), row(4, 10, 100));
    List<Candidate> c = SizingMath.candidates(h, 4);
    assertScores(c.get(0), 1, 59, 3.7 / 29);
    assertScores(c.get(1), 4, 76, 1.0 / 19);
    assertEquals(1, SizingMath.minWaste(h, 4));
    assertEquals(1, SizingMath.maxThroughput(h, 4));
  }

  @Test
  void candidates_bimodalWithExplicitTopEight_modesDisagree() {
    // Same tasks, but the category maximum is 8 cores, so a retry costs 8: a_m=8.
    // a=1: E=19+8·10=99; Θ=[8·0.9+0.1]/29=7.3/29≈0.2517
    // a=4: E=76;         Θ=[(8/4)·1+0]/19=2/19≈0.1053
    ResourceHistogram h = Histograms.of(ResourceKind.CORES, row(1, 90, 10), row(4, 10, 100));
    List<Candidate> c = SizingMath.candidates(h, 8);
    assertScores(c.get(0), 1, 99, 7.3 / 29);
    assertScores(c.get(1), 4, 76, 2.0 / 19);
    assertEquals(4, SizingMath.minWaste(h, 8));
    assertEquals(1, SizingMath.maxThroughput(h, 8));
  }

  @Test
  void candidates_heavyLongTail_minWastePicksTopThroughputPicksSmall() {
    // 50 tasks at 1 core × 10 s, 50 at 4 cores × 1000 s. ΣT=500+50000=50500, τ̄=505, a_m=4.
    // a=1: τ_>=50000/100=500; E=505+4·500=2505; Θ=[4·0.5+0.5]/[505+500]=2.5/1005≈0.002488
    // a=4: E=4·505=2020;                        Θ=1/505≈0.001980
    ResourceHistogram h = Histograms.of(ResourceKind.CORES, row(1, 50, 10), row(4, 50, 1000));
    List<Candidate> c = SizingMath.candidates(h, 4);
    assertScores(c.get(0), 1, 2505, 2.5 / 1005);
    assertScores(c.get(1), 4, 2020, 1.0 / 505);
    assertEquals(4, SizingMath.minWaste(h, 4));
    assertEquals(1, SizingMath.maxThroughput(h, 4));
  }

  @Test
  void candidates_threeCoreBuckets_minWastePicksMiddle() {
    // 60 at 1 core × 10 s, 30 at 2 × 20 s, 10 at 4 × 40 s. ΣT=600+600+400=1600, τ̄=16, a_m=4.
    // a=1: τ_>=1000/100=10; E=16+4·10=56;   Θ=[4·0.6+0.4]/[16+10]=2.8/26≈0.1077
    // a=2: τ_>=400/100=4;   E=2·16+4·4=48;  Θ=[2·0.9+0.1]/[16+4]=1.9/20=0.095
    // a=4: τ_>=0;           E=4·16=64;      Θ=1/16=0.0625
    ResourceHistogram h =
        Histograms.of(ResourceKind.CORES, row(1, 60, 10), row(2, 30, 20), row(4, 10, 40));
    List<Candidate> c = SizingMath.candidates(h, 4);
    assertScores(c.get(0), 1, 56, 2.8 / 26);
    assertScores(c.get(1), 2, 48, 0.095);
    assertScores(c.get(2), 4, 64, 0.0625);
    assertEquals(2, SizingMath.minWaste(h, 4));
    assertEquals(1, SizingMath.maxThroughput(h, 4));
  }

  @Test
  void candidates_memorySpreadOver250MbBuckets_bothModesPick750() {
    // Peaks 200, 400, 700, 1000 MB → buckets 250, 500, 750, 1000 with 10, 40, 40, 10 tasks of
    // 10 s each. τ̄=10, a_m=1000.
    // a=250:  τ_>=900/100=9; E=2500+1000·9=11500; Θ=[4·0.1+0.9]/[10+9]=1.3/19≈0.0684
    // a=500:  τ_>=500/100=5; E=5000+1000·5=10000; Θ=[2·0.5+0.5]/[10+5]=1.5/15=0.1
    // a=750:  τ_>=100/100=1; E=7500+1000·1=8500;  Θ=[(4/3)·0.9+0.1]/[10+1]=1.3/11≈0.1182
    // a=1000: τ_>=0;         E=10000;             Θ=1/10=0.1
    ResourceHistogram h =
        Histograms.of(
            ResourceKind.MEMORY,
            row(200, 10, 10),
            row(400, 40, 10),
            row(700, 40, 10),
            row(1000, 10, 10));
    List<Candidate> c = SizingMath.candidates(h, 1000);
    assertScores(c.get(0), 250, 11500, 1.3 / 19);
    assertScores(c.get(1), 500, 10000, 0.1);
    assertScores(c.get(2), 750, 8500, 1.3 / 11);
    assertScores(c.get(3), 1000, 10000, 0.1);
    assertEquals(750, SizingMath.minWaste(h, 1000));
    assertEquals(750, SizingMath.maxThroughput(h, 1000));
  }

  @Test
  void candidates_mostTasksBig_bothModesPickTop() {
    // 10 at 1 core, 90 at 4 cores, 10 s each. τ̄=10, a_m=4.
    // a=1: τ_>=900/100=9; E=10+4·9=46; Θ=[4·0.1+0.9]/[10+9]=1.3/19≈0.0684
    // a=4: E=40;                       Θ=1/10=0.1
    ResourceHistogram h = Histograms.of(ResourceKind.CORES, row(1, 10, 10), row(4, 90, 10));
    List<Candidate> c = SizingMath.candidates(h, 4);
    assertScores(c.get(0), 1, 46, 1.3 / 19);
    assertScores(c.get(1), 4, 40, 0.1);
    assertEquals(4, SizingMath.minWaste(h, 4));
    assertEquals(4, SizingMath.maxThroughput(h, 4));
  }

  @Test
  void candidates_zeroWallTimes_eachTaskCountsOneUnit() {
    // 90 at 1 core, 10 at 4 cores, all 0 s → T_i = n_i: ΣT=100, τ̄=1, a_m=4.
    // a=1: τ_>=10/100=0.1; E=1+4·0.1=1.4; Θ=[4·0.9+0.1]/[1+0.1]=3.7/1.1
    // a=4: E=4;                          Θ=1/1=1
    ResourceHistogram h = Histograms.of(ResourceKind.CORES, row(1, 90, 0), row(4, 10, 0));
    List<Candidate> c = SizingMath.candidates(h, 4);
    assertScores(c.get(0), 1, 1.4, 3.7 / 1.1);
    assertScores(c.get(1), 4, 4, 1);
  }

  @Test
  void candidates_zeroBucket_countsInProbabilitiesButIsNoCandidate() {
    // 80 tasks at 0 GPUs, 20 at 1, 10 s each: only a=1 is a candidate; P_≤(1)=1.
    ResourceHistogram h = Histograms.of(ResourceKind.GPUS, row(0, 80, 10), row(1, 20, 10));
    List<Candidate> c = SizingMath.candidates(h, 1);
    assertEquals(1, c.size());
    assertScores(c.get(0), 1, 10, 0.1);
  }

  @Test
  void minWaste_onlyZeroPeaks_givesLeastAllocation() {
    assertEquals(0, SizingMath.minWaste(Histograms.of(ResourceKind.GPUS, row(0, 5, 1)), 0));
    assertEquals(1, SizingMath.maxThroughput(Histograms.of(ResourceKind.CORES, row(0, 5, 1)), 0));
    assertEquals(250, SizingMath.minWaste(Histograms.of(ResourceKind.DISK, row(0, 5, 1)), 0));
  }

  @Test
  void paddedMax_addsAThirdOfABucketThenRoundsUp() {
    // cores: 3 + floor(1/3)=3 → 3.
    assertEquals(3, SizingMath.paddedMax(Histograms.of(ResourceKind.CORES, row(3, 1, 1))));
    // memory: 480 + floor(250/3)=480+83=563 → 750; 400+83=483 → 500; 0+83=83 → 250.
    assertEquals(750, SizingMath.paddedMax(Histograms.of(ResourceKind.MEMORY, row(480, 1, 1))));
    assertEquals(500, SizingMath.paddedMax(Histograms.of(ResourceKind.MEMORY, row(400, 1, 1))));
    assertEquals(250, SizingMath.paddedMax(Histograms.of(ResourceKind.MEMORY, row(0, 1, 1))));
    // gpus all 0: 0 + 0 → 0.
    assertEquals(0, SizingMath.paddedMax(Histograms.of(ResourceKind.GPUS, row(0, 1, 1))));
  }
}
