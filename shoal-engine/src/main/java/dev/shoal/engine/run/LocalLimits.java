package dev.shoal.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resources of the machine that local rules may use together ({@code --local-cores}, {@code
 * --local-memory}, {@code --local-disk}); a rule that asks for no cores takes one.
 */
public record LocalLimits(long cores, long memoryMb, long diskMb) {

  /** The whole machine: the cores this process may use, the memory /proc/meminfo reports. */
  public static LocalLimits machine() {
    return new LocalLimits(
        Runtime.getRuntime().availableProcessors(),
        memoryMb(Path.of("/proc/meminfo")),
        Long.MAX_VALUE);
  }

  /** MemTotal of a meminfo file in MB, or unlimited when it cannot be read. */
  static long memoryMb(Path meminfo) {
    try {
      for (String line : Files.readAllLines(meminfo)) {
        if (line.startsWith("MemTotal:")) {
          String kb = line.substring("MemTotal:".length()).replace("kB", "").trim();
          return Long.parseLong(kb) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Long.MAX_VALUE;
    }
    return Long.MAX_VALUE;
  }
}
