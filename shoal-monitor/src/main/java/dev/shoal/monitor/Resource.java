package dev.shoal.monitor;

import java.util.Optional;

/**
 * A measured resource: its name and unit in cctools' summaries ({@code "memory": [512, "MB"]}).
 * Values in summaries, limits and {@link Usage#value} are in these units.
 */
public enum Resource {
  WALL_TIME("wall_time", "s", 6),
  CPU_TIME("cpu_time", "s", 6),
  CORES("cores", "cores", 3),
  CORES_AVG("cores_avg", "cores", 3),
  MEMORY("memory", "MB", 0),
  VIRTUAL_MEMORY("virtual_memory", "MB", 0),
  SWAP_MEMORY("swap_memory", "MB", 0),
  BYTES_READ("bytes_read", "MB", 3),
  BYTES_WRITTEN("bytes_written", "MB", 3),
  DISK("disk", "MB", 0),
  TOTAL_FILES("total_files", "files", 0),
  MAX_CONCURRENT_PROCESSES("max_concurrent_processes", "procs", 0),
  TOTAL_PROCESSES("total_processes", "procs", 0),
  CONTEXT_SWITCHES("context_switches", "switches", 0);

  private final String key;
  private final String unit;
  private final int decimals;

  Resource(String key, String unit, int decimals) {
    this.key = key;
    this.unit = unit;
    this.decimals = decimals;
  }

  /** The summary key, e.g. {@code max_concurrent_processes}. */
  public String key() {
    return key;
  }

  /** The summary unit, e.g. {@code MB}. */
  public String unit() {
    return unit;
  }

  /** Digits after the point in summaries (cctools writes memory in whole MB). */
  public int decimals() {
    return decimals;
  }

  /** The resource of a summary or limits key; {@code processes} is an alias of max processes. */
  public static Optional<Resource> byKey(String key) {
    if (key.equals("processes") || key.equals("max_processes")) {
      return Optional.of(MAX_CONCURRENT_PROCESSES);
    }
    for (Resource r : values()) {
      if (r.key.equals(key)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
