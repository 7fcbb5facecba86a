package dev.shoal.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** What this machine has: the defaults of {@code --cores}, {@code --memory} and {@code --disk}. */
final class Machine {
  private Machine() {}

  /** The offered totals: each option given, else what is detected. */
  static Amounts totals(WorkerOptions o, Path workdir) {
    return new Amounts(
        o.cores().orElse(Runtime.getRuntime().availableProcessors()),
        orElse(o.memoryMb(), Machine::memoryMb),
        orElse(o.diskMb(), () -> freeDiskMb(workdir)),
        o.gpus().orElse(0));
  }

  private static double orElse(OptionalDouble v, java.util.function.DoubleSupplier detect) {
    return v.isPresent() ? v.getAsDouble() : detect.getAsDouble();
  }

  /** Free space of the file system holding {@code dir}, in MB (0 if it cannot be read). */
  static double freeDiskMb(Path dir) {
    try {
      return Math.floor(Files.getFileStore(dir).getUsableSpace() / (1024.0 * 1024.0));
    } catch (IOException e) {
      return 0;
    }
  }

  /** Total memory from {@code /proc/meminfo} in MB, or what the JVM may use if it is unreadable. */
  static double memoryMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          String kb = line.substring("MemTotal:".length()).replace("kB", "").trim();
          return Math.floor(Long.parseLong(kb) / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the JVM's view
    }
    return Math.floor(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
  }
}
