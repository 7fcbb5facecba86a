package dev.shoal.engine.sizing;

import dev.shoal.lang.model.Resources;

/**
 * A resource whose allocation is sized from measurements, with the width of its histogram buckets.
 * Wall time is not sized: it is enforced only when the user gives it.
 */
public enum ResourceKind {
  /** Cores, buckets of 1. */
  CORES(1, 1, ""),
  /** Memory in MB, buckets of 250 MB. */
  MEMORY(250, 250, " MB"),
  /** Disk in MB, buckets of 250 MB. */
  DISK(250, 250, " MB"),
  /** GPUs, buckets of 1; a category whose tasks use none is given none. */
  GPUS(1, 0, "");

  private final long bucketWidth;
  private final long least;
  private final String unit;

  ResourceKind(long bucketWidth, long least, String unit) {
    this.bucketWidth = bucketWidth;
    this.least = least;
    this.unit = unit;
  }

  /** The width of one histogram bucket, in this resource's unit. */
  public long bucketWidth() {
    return bucketWidth;
  }

  /**
   * The allocation given when every measured peak rounds to zero (no bucket of at least 1): one
   * bucket, since a task cannot run without cores, memory or disk; zero GPUs.
   */
  long least() {
    return least;
  }

  /** {@code value} rounded up to a multiple of the bucket width; 0 for 0 and below. */
  public long roundUp(long value) {
    if (value <= 0) {
      return 0;
    }
    return Math.ceilDiv(value, bucketWidth) * bucketWidth;
  }

  /** This resource's field of {@code r} ({@link Resources#UNSET} when not given). */
  public long get(Resources r) {
    return switch (this) {
      case CORES -> r.cores();
      case MEMORY -> r.memoryMb();
      case DISK -> r.diskMb();
      case GPUS -> r.gpus();
    };
  }

  /** A copy of {@code r} with this resource's field set to {@code value}. */
  public Resources set(Resources r, long value) {
    return switch (this) {
      case CORES -> r.withCores(value);
      case MEMORY -> r.withMemoryMb(value);
      case DISK -> r.withDiskMb(value);
      case GPUS -> r.withGpus(value);
    };
  }

  /** {@code value} with its unit, for messages ({@code "unset"} for {@link Resources#UNSET}). */
  String format(long value) {
    return value == Resources.UNSET ? "unset" : value + unit;
  }
}
