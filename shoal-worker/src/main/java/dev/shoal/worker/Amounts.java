package dev.shoal.worker;

import dev.shoal.wire.TaskSpec;

/**
 * Quantities of the four resources a worker offers and a task is allocated: cores, memory (MB),
 * disk (MB) and GPUs. Immutable.
 */
record Amounts(double cores, double memoryMb, double diskMb, double gpus) {
  static final Amounts ZERO = new Amounts(0, 0, 0, 0);

  Amounts {
    if (cores < 0 || memoryMb < 0 || diskMb < 0 || gpus < 0) {
      throw new IllegalArgumentException(
          "negative resource amount in " + describe(cores, memoryMb, diskMb, gpus));
    }
  }

  /**
   * What {@code task} is allocated on a worker offering {@code total}. A task that declares no
   * resource at all occupies the whole worker (cctools' rule); a resource it does not declare
   * counts as none.
   */
  static Amounts requestedBy(TaskSpec task, Amounts total) {
    boolean none =
        task.cores().isEmpty()
            && task.memoryMb().isEmpty()
            && task.diskMb().isEmpty()
            && task.gpus().isEmpty();
    if (none) {
      return total;
    }
    return new Amounts(
        Math.max(0, task.cores().orElse(0.0)),
        Math.max(0, task.memoryMb().orElse(0.0)),
        Math.max(0, task.diskMb().orElse(0.0)),
        Math.max(0, task.gpus().orElse(0.0)));
  }

  Amounts plus(Amounts o) {
    return new Amounts(cores + o.cores, memoryMb + o.memoryMb, diskMb + o.diskMb, gpus + o.gpus);
  }

  /** This minus {@code o}, never below zero (a rounding error must not make a negative amount). */
  Amounts minus(Amounts o) {
    return new Amounts(
        Math.max(0, cores - o.cores),
        Math.max(0, memoryMb - o.memoryMb),
        Math.max(0, diskMb - o.diskMb),
        Math.max(0, gpus - o.gpus));
  }

  /** Whether every amount of this is at most the same amount of {@code limit}. */
  boolean within(Amounts limit) {
    return cores <= limit.cores
        && memoryMb <= limit.memoryMb
        && diskMb <= limit.diskMb
        && gpus <= limit.gpus;
  }

  /**
   * Whether a task requesting this can start now: {@code allocated + this <= total} for every
   * resource.
   */
  boolean fitsNow(Amounts allocated, Amounts total) {
    return allocated.plus(this).within(total);
  }

  @Override
  public String toString() {
    return describe(cores, memoryMb, diskMb, gpus);
  }

  private static String describe(double c, double m, double d, double g) {
    return "cores " + c + ", memory " + m + " MB, disk " + d + " MB, gpus " + g;
  }
}
