package dev.shoal.monitor;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/**
 * Folds observations of a task into its {@link Usage}: peaks, totals, when each peak was reached,
 * and the peak CPU use over a sliding window. Pure: no I/O, no clock.
 *
 * <p>Not thread-safe: used under its task's lock.
 */
final class Accumulator {
  private final long startMicros;
  private final long windowMicros;
  private final double maxCores;
  private final ArrayDeque<long[]> window = new ArrayDeque<>();
  private final Map<Resource, Long> peakTimes = new EnumMap<>(Resource.class);
  private Usage peak = Usage.ZERO;

  /**
   * @param windowMicros the span over which {@code cores} is measured (at least one interval)
   * @param maxCores the processors the task can use at most: a rate above it is an artefact of the
   *     time between reading the clock and the CPU counters (a delayed sampler, or the CPU a task
   *     spent before it was attached, over a wall time of milliseconds) and is cut to it
   */
  Accumulator(long startMicros, long windowMicros, double maxCores) {
    this.startMicros = startMicros;
    this.windowMicros = windowMicros;
    this.maxCores = maxCores;
    window.add(new long[] {startMicros, 0});
  }

  /** Adds one observation; returns it as a time-series sample. */
  Sample add(
      long now,
      long cpuMicros,
      long processes,
      long totalProcesses,
      long memory,
      long virtualMemory,
      long swap,
      long bytesRead,
      long bytesWritten,
      long contextSwitches,
      long disk,
      long files) {
    window.addLast(new long[] {now, cpuMicros});
    // Keep the newest observation at least one window old as the base of the rate.
    while (window.size() > 2) {
      long[] second = window.stream().skip(1).findFirst().orElseThrow();
      if (now - second[0] >= windowMicros) {
        window.removeFirst();
      } else {
        break;
      }
    }
    long[] base = window.peekFirst();
    double cores =
        now > base[0] ? Math.min(maxCores, (double) (cpuMicros - base[1]) / (now - base[0])) : 0;
    Usage next =
        new Usage(
            now - startMicros,
            Math.max(peak.cpuTimeMicros(), cpuMicros),
            Math.max(peak.cores(), cores),
            Math.max(peak.memoryBytes(), memory),
            Math.max(peak.virtualMemoryBytes(), virtualMemory),
            Math.max(peak.swapBytes(), swap),
            Math.max(peak.bytesRead(), bytesRead),
            Math.max(peak.bytesWritten(), bytesWritten),
            Math.max(peak.diskBytes(), disk),
            Math.max(peak.totalFiles(), files),
            Math.max(peak.maxConcurrentProcesses(), processes),
            Math.max(peak.totalProcesses(), totalProcesses),
            Math.max(peak.contextSwitches(), contextSwitches));
    for (Resource r : Resource.values()) {
      if (next.value(r) > peak.value(r) || !peakTimes.containsKey(r)) {
        peakTimes.put(r, now - startMicros);
      }
    }
    peak = next;
    return new Sample(
        now,
        cpuMicros,
        cores,
        processes,
        virtualMemory,
        memory,
        swap,
        bytesRead,
        bytesWritten,
        files,
        disk);
  }

  /** The usage so far, with wall time up to {@code now}. */
  Usage usage(long now) {
    Usage p = peak;
    long wall = Math.max(0, now - startMicros);
    // A task shorter than the window: its peak rate is its average.
    double cores =
        wall > 0 && wall < windowMicros
            ? Math.min(maxCores, (double) p.cpuTimeMicros() / wall)
            : p.cores();
    return new Usage(
        wall,
        p.cpuTimeMicros(),
        Math.max(p.cores(), cores),
        p.memoryBytes(),
        p.virtualMemoryBytes(),
        p.swapBytes(),
        p.bytesRead(),
        p.bytesWritten(),
        p.diskBytes(),
        p.totalFiles(),
        p.maxConcurrentProcesses(),
        p.totalProcesses(),
        p.contextSwitches());
  }

  Map<Resource, Long> peakTimes() {
    return Map.copyOf(peakTimes);
  }

  long startMicros() {
    return startMicros;
  }
}
