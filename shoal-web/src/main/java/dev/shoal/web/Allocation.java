package dev.shoal.web;

import java.util.Locale;

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

  /** {@code cores=1 memory=100 disk=? gpus=?}: the form of the log lines, {@code ?} if unknown. */
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

  /** Short form for tables: only the known fields, {@code 1c 100MB}, or {@code -}. */
  public String brief() {
    StringBuilder sb = new StringBuilder();
    if (has(cores)) {
      sb.append(Fmt.num(cores)).append("c ");
    }
    if (has(memoryMb)) {
      sb.append(Fmt.num(memoryMb)).append("MB ");
    }
    if (has(diskMb)) {
      sb.append(Fmt.num(diskMb)).append("MBd ");
    }
    if (has(gpus) && gpus > 0) {
      sb.append(String.format(Locale.ROOT, "%sg ", Fmt.num(gpus)));
    }
    return sb.isEmpty() ? "-" : sb.toString().strip();
  }
}
