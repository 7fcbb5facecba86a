package dev.shoal.monitor;

import java.nio.file.Path;

/**
 * What to measure of one task and its limits.
 *
 * @param command the command line, written into the summary
 * @param measureDir a directory whose size and file count are followed, or null
 * @param timeSeries whether to keep every sample for a {@code .series} file
 */
public record TaskConfig(String command, Limits limits, Path measureDir, boolean timeSeries) {
  public static TaskConfig of(String command) {
    return new TaskConfig(command, Limits.NONE, null, false);
  }

  public TaskConfig withLimits(Limits l) {
    return new TaskConfig(command, l, measureDir, timeSeries);
  }
}
