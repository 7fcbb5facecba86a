package dev.shoal.web;

/**
 * Resources set aside for a task or chosen for a category. Any field may be unknown: an allocation
 * line may leave it out. Unknown is {@link Double#NaN}; {@link #has} tells which is which.
 *
 * @param cores cores, may be fractional
 * @param memoryMb memory in MB
 * @param diskMb disk in MB
 * @param gpus GPUs
 */
public record Allocation(double cores, double memoryMb, double diskMb, double gpus) {

  /** Nothing known. */
  public static final Allocation UNKNOWN =
      new Allocation(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public Allocation {
    for (double v : new double[] {cores, memoryMb, diskMb, gpus}) {
      if (v < 0 || Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            "allocation values must be finite and >= 0 (or NaN for unknown): " + v);
      }
    }
  }

  /** True if {@code value} (one of this record's fields) is known. */
  public static boolean has(double value) {
    return !Double.isNaN(value);
  }

  /** True if no field is known. */
  public boolean isUnknown() {
    return !has(cores) && !has(memoryMb) && !has(diskMb) && !has(gpus);
  }

  /** {@code cores=1 memory=100 disk=? gpus=?}: the form of the log lines, {@code -} if unknown. */
  @Override
  public String toString() {
    return "cores="
        + Fmt.num(cores)
        + " memory="
        + Fmt.num(memoryMb)
        + " disk="
        + Fmt.num(diskMb)
        + " gpus="
        + Fmt.num(gpus);
  }
}
