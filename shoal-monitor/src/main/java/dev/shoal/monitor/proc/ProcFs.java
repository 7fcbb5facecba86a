package dev.shoal.monitor.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code /proc} tree rooted at an injectable path, so tests can feed captured snapshots.
 *
 * <p>A process can exit between any two reads: every per-process read returns empty (never throws)
 * when the process is gone or cannot be read. Stateless and thread-safe.
 */
public final class ProcFs {
  private final Path root;
  private final long ticksPerSecond;
  private final long pageSize;

  /**
   * @param root the mount point, {@code /proc} on a live system
   * @param ticksPerSecond the kernel's USER_HZ ({@code getconf CLK_TCK}; 100 on Linux for x86 and
   *     arm)
   * @param pageSize bytes per page ({@code getconf PAGESIZE})
   */
  public ProcFs(Path root, long ticksPerSecond, long pageSize) {
    this.root = root;
    this.ticksPerSecond = ticksPerSecond;
    this.pageSize = pageSize;
  }

  /** The live system's {@code /proc} with USER_HZ 100 and 4 KiB pages. */
  public static ProcFs system() {
    return new ProcFs(Path.of("/proc"), 100, 4096);
  }

  public Path root() {
    return root;
  }

  public long ticksPerSecond() {
    return ticksPerSecond;
  }

  public long pageSize() {
    return pageSize;
  }

  /** Microseconds of {@code ticks} clock ticks. */
  public long ticksToMicros(long ticks) {
    return ticks * 1_000_000L / ticksPerSecond;
  }

  public Optional<ProcStat> stat(long pid) {
    return read(pid, "stat").map(ProcStat::parse);
  }

  public Optional<ProcStatus> status(long pid) {
    return read(pid, "status").map(ProcStatus::parse);
  }

  public Optional<ProcIo> io(long pid) {
    return read(pid, "io").map(ProcIo::parse);
  }

  /**
   * The value of the variable {@code name} in the environment {@code pid} started with; empty when
   * absent, when the process is gone or when its environment cannot be read.
   */
  public Optional<String> environmentValue(long pid, String name) {
    byte[] env;
    try {
      env = Files.readAllBytes(root.resolve(Long.toString(pid)).resolve("environ"));
    } catch (IOException e) {
      return Optional.empty();
    }
    String prefix = name + "=";
    for (String e : new String(env, StandardCharsets.ISO_8859_1).split("\0")) {
      if (e.startsWith(prefix)) {
        return Optional.of(e.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  /** The children of every thread of {@code pid}, from {@code task/<tid>/children}. */
  public List<Long> children(long pid) {
    List<Long> out = new ArrayList<>();
    Path tasks = root.resolve(Long.toString(pid)).resolve("task");
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
      for (Path t : ds) {
        try {
          String text = Files.readString(t.resolve("children"), StandardCharsets.US_ASCII);
          for (String c : text.trim().split("\\s+")) {
            if (!c.isEmpty()) {
              out.add(Long.parseLong(c));
            }
          }
        } catch (IOException e) {
          // The thread exited while listed: it has no children left.
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  /** The ids of all processes, from the numeric entries of the root. */
  public List<Long> pids() {
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (!n.isEmpty()
            && Character.isDigit(n.charAt(0))
            && n.chars().allMatch(Character::isDigit)) {
          out.add(Long.parseLong(n));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot list " + root + " (" + e + "): is /proc mounted and readable?", e);
    }
    return out;
  }

  /** The boot time in Unix seconds, from the {@code btime} line of {@code stat}. */
  public long bootTimeSeconds() {
    try {
      return parseBootTime(Files.readString(root.resolve("stat"), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + root.resolve("stat") + ": " + e, e);
    }
  }

  /** The {@code btime} value of the text of {@code /proc/stat}. */
  public static long parseBootTime(String procStat) {
    for (String line : procStat.split("\n")) {
      if (line.startsWith("btime ")) {
        return Long.parseLong(line.substring(6).trim());
      }
    }
    throw new IllegalArgumentException("no btime line in /proc/stat");
  }

  private Optional<String> read(long pid, String file) {
    try {
      return Optional.of(
          Files.readString(
              root.resolve(Long.toString(pid)).resolve(file), StandardCharsets.ISO_8859_1));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // ESRCH (the process exited mid-read) surfaces as a plain IOException: same contract.
      return Optional.empty();
    }
  }
}
