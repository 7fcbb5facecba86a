package dev.shoal.engine.run;

/**
 * Garbage collection of intermediate files during a run ({@code -g}, {@code -G}, {@code
 * --gc-size}).
 *
 * @param mode when to collect
 * @param count {@code ref_cnt}: files deleted per pass at most; {@code on_demand}: collect when
 *     more than this many files wait to be collected
 * @param minFreeBytes {@code on_demand}: collect when free space in the workflow directory falls to
 *     this
 */
public record GcPolicy(Mode mode, int count, long minFreeBytes) {

  /** When intermediates are deleted. */
  public enum Mode {
    NONE,
    REF_CNT,
    ON_DEMAND,
    ALL
  }

  public static final GcPolicy NONE = new GcPolicy(Mode.NONE, 16, 10L << 20);

  public GcPolicy {
    if (count < 1) {
      throw new IllegalArgumentException("gc count must be at least 1, got " + count);
    }
  }
}
