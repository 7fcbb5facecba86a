package dev.shoal.web;

import java.util.Objects;

/**
 * What one task measurably used, from its resource summary. Unknown numbers are {@link Double#NaN}
 * (a summary may leave a field out); {@link #NONE} stands for "no summary".
 *
 * @param wallTimeS wall time, seconds
 * @param cpuTimeS CPU time of the whole process tree, seconds
 * @param cores peak cores in use (over a short window)
 * @param memoryMb peak resident memory of the process tree, MB
 * @param diskMb peak size of the working directories, MB
 * @param gpus GPUs used
 * @param startMicros start, Unix microseconds, or -1 if unknown
 * @param endMicros end, Unix microseconds, or -1 if unknown
 * @param exitType {@code normal}, {@code signal}, {@code limit}, or {@code ""} if unknown
 */
public record Usage(
    double wallTimeS,
    double cpuTimeS,
    double cores,
    double memoryMb,
    double diskMb,
    double gpus,
    long startMicros,
    long endMicros,
    String exitType) {

  /** No measurement. */
  public static final Usage NONE =
      new Usage(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, -1, "");

  public Usage {
    Objects.requireNonNull(exitType, "exitType");
  }

  /** True unless this is {@link #NONE}. */
  public boolean measured() {
    return !equals(NONE);
  }
}
