package dev.shoal.monitor;

/**
 * What a task used: totals and peaks over its whole run, in raw units (microseconds, bytes).
 *
 * @param cores the highest CPU use over a window of about one second, in cores
 * @param memoryBytes the highest resident memory of the tree at once
 */
public record Usage(
    long wallTimeMicros,
    long cpuTimeMicros,
    double cores,
    long memoryBytes,
    long virtualMemoryBytes,
    long swapBytes,
    long bytesRead,
    long bytesWritten,
    long diskBytes,
    long totalFiles,
    long maxConcurrentProcesses,
    long totalProcesses,
    long contextSwitches) {

  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  private static final double MB = 1024.0 * 1024.0;

  /** CPU time over wall time. */
  public double coresAvg() {
    return wallTimeMicros <= 0 ? 0 : (double) cpuTimeMicros / wallTimeMicros;
  }

  /** The value of {@code r} in its summary unit ({@link Resource#unit()}). */
  public double value(Resource r) {
    return switch (r) {
      case WALL_TIME -> wallTimeMicros / 1e6;
      case CPU_TIME -> cpuTimeMicros / 1e6;
      case CORES -> cores;
      case CORES_AVG -> coresAvg();
      case MEMORY -> Math.ceil(memoryBytes / MB);
      case VIRTUAL_MEMORY -> Math.ceil(virtualMemoryBytes / MB);
      case SWAP_MEMORY -> Math.ceil(swapBytes / MB);
      case BYTES_READ -> bytesRead / MB;
      case BYTES_WRITTEN -> bytesWritten / MB;
      case DISK -> Math.ceil(diskBytes / MB);
      case TOTAL_FILES -> totalFiles;
      case MAX_CONCURRENT_PROCESSES -> maxConcurrentProcesses;
      case TOTAL_PROCESSES -> totalProcesses;
      case CONTEXT_SWITCHES -> contextSwitches;
    };
  }

  /** The usage whose {@link #value} is {@code values[r]} for each resource, from a summary. */
  static Usage ofValues(java.util.Map<Resource, Double> v) {
    java.util.function.ToDoubleFunction<Resource> g = r -> v.getOrDefault(r, 0.0);
    return new Usage(
        Math.round(g.applyAsDouble(Resource.WALL_TIME) * 1e6),
        Math.round(g.applyAsDouble(Resource.CPU_TIME) * 1e6),
        g.applyAsDouble(Resource.CORES),
        Math.round(g.applyAsDouble(Resource.MEMORY) * MB),
        Math.round(g.applyAsDouble(Resource.VIRTUAL_MEMORY) * MB),
        Math.round(g.applyAsDouble(Resource.SWAP_MEMORY) * MB),
        Math.round(g.applyAsDouble(Resource.BYTES_READ) * MB),
        Math.round(g.applyAsDouble(Resource.BYTES_WRITTEN) * MB),
        Math.round(g.applyAsDouble(Resource.DISK) * MB),
        Math.round(g.applyAsDouble(Resource.TOTAL_FILES)),
        Math.round(g.applyAsDouble(Resource.MAX_CONCURRENT_PROCESSES)),
        Math.round(g.applyAsDouble(Resource.TOTAL_PROCESSES)),
        Math.round(g.applyAsDouble(Resource.CONTEXT_SWITCHES)));
  }
}
