package dev.shoal.wq.manager;

import dev.shoal.lang.model.Resources;

/**
 * Cores, memory (MB), disk (MB) and GPUs as the manager counts them on a worker: a worker's total,
 * what its tasks hold, or what one task needs there. Immutable.
 */
record Capacity(double cores, double memoryMb, double diskMb, double gpus) {
  static final Capacity ZERO = new Capacity(0, 0, 0, 0);

  Capacity plus(Capacity o) {
    return new Capacity(cores + o.cores, memoryMb + o.memoryMb, diskMb + o.diskMb, gpus + o.gpus);
  }

  Capacity minus(Capacity o) {
    return new Capacity(cores - o.cores, memoryMb - o.memoryMb, diskMb - o.diskMb, gpus - o.gpus);
  }

  /** True when {@code need} fits in this, field by field. */
  boolean holds(Capacity need) {
    return need.cores <= cores + 1e-9
        && need.memoryMb <= memoryMb + 1e-9
        && need.diskMb <= diskMb + 1e-9
        && need.gpus <= gpus + 1e-9;
  }

  /**
   * What a task with {@code allocation} occupies on a worker of {@code total}, as cctools counts
   * it: a task that declares none of cores, memory, disk and GPUs takes the whole worker; a task
   * that declares some gets the others in proportion to the largest share it declared (cores
   * rounded up to whole cores; GPUs only if declared).
   */
  static Capacity demand(Resources allocation, Capacity total) {
    boolean c = allocation.cores() != Resources.UNSET;
    boolean m = allocation.memoryMb() != Resources.UNSET;
    boolean d = allocation.diskMb() != Resources.UNSET;
    boolean g = allocation.gpus() != Resources.UNSET;
    if (!c && !m && !d && !g) {
      return total;
    }
    double share = 0;
    share = Math.max(share, c ? fraction(allocation.cores(), total.cores) : 0);
    share = Math.max(share, m ? fraction(allocation.memoryMb(), total.memoryMb) : 0);
    share = Math.max(share, d ? fraction(allocation.diskMb(), total.diskMb) : 0);
    share = Math.max(share, g ? fraction(allocation.gpus(), total.gpus) : 0);
    share = Math.min(share, 1);
    return new Capacity(
        c ? allocation.cores() : Math.max(1, Math.ceil(share * total.cores - 1e-9)),
        m ? allocation.memoryMb() : Math.floor(share * total.memoryMb),
        d ? allocation.diskMb() : Math.floor(share * total.diskMb),
        g ? allocation.gpus() : 0);
  }

  private static double fraction(long value, double total) {
    if (total <= 0) {
      return value > 0 ? Double.POSITIVE_INFINITY : 0;
    }
    return value / total;
  }
}
