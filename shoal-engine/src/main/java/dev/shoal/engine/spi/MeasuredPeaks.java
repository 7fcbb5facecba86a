package dev.shoal.engine.spi;

import dev.shoal.lang.model.Resources;
import dev.shoal.monitor.Resource;
import dev.shoal.monitor.Summary;
import dev.shoal.monitor.Usage;

/**
 * What every back end reports as {@link TaskResult#measured()}: the peaks of a resource summary, in
 * the units of a rule's allocation.
 */
public final class MeasuredPeaks {
  private MeasuredPeaks() {}

  /**
   * Cores rounded up (a task that averaged 1.03 cores counts as 1: the 0.05 absorbs sampling
   * noise), memory and disk in MB, wall time in seconds rounded up; GPUs and MPI processes unset.
   */
  public static Resources of(Summary s) {
    Usage u = s.usage();
    return new Resources(
        (long) Math.ceil(u.value(Resource.CORES) - 0.05),
        (long) u.value(Resource.MEMORY),
        (long) u.value(Resource.DISK),
        Resources.UNSET,
        (long) Math.ceil(u.value(Resource.WALL_TIME)),
        Resources.UNSET);
  }
}
