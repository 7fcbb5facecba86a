package dev.shoal.monitor.cgroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure parsers of cgroup control files, v1 and v2. Each takes the file's text and throws {@link
 * IllegalArgumentException} naming the file when the text is not what the kernel writes.
 */
public final class CgroupFiles {
  private CgroupFiles() {}

  /**
   * A file holding one number: {@code memory.usage_in_bytes}, {@code memory.max_usage_in_bytes},
   * {@code cpuacct.usage}, {@code pids.current}, {@code memory.peak}, {@code memory.current}. The
   * v2 word {@code max} reads as {@link Long#MAX_VALUE}.
   */
  public static long single(String text, String file) {
    String t = text.trim();
    if (t.equals("max")) {
      return Long.MAX_VALUE;
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": expected one number, found '" + t + "'", e);
    }
  }

  /**
   * A flat keyed file of {@code key value} lines: {@code memory.stat}, v2 {@code cpu.stat}, {@code
   * memory.events}, {@code pids.events}, v1 {@code memory.oom_control}.
   */
  public static Map<String, Long> keyed(String text, String file) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.trim();
      if (l.isEmpty()) {
        continue;
      }
      int space = l.indexOf(' ');
      if (space < 0) {
        throw new IllegalArgumentException(file + ": expected 'key value', found '" + l + "'");
      }
      String v = l.substring(space + 1).trim();
      try {
        out.put(l.substring(0, space), v.equals("max") ? Long.MAX_VALUE : Long.parseLong(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ": '" + l + "' has no number", e);
      }
    }
    return out;
  }

  /** The CPU time of v2 {@code cpu.stat} ({@code usage_usec}), in nanoseconds. */
  public static long cpuStatUsageNanos(String text) {
    Long usec = keyed(text, "cpu.stat").get("usage_usec");
    if (usec == null) {
      throw new IllegalArgumentException("cpu.stat: no usage_usec line");
    }
    return usec * 1000;
  }

  /** The process ids of {@code cgroup.procs}, one a line. */
  public static List<Long> procs(String text) {
    List<Long> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.trim();
      if (!l.isEmpty()) {
        out.add(single(l, "cgroup.procs"));
      }
    }
    return out;
  }

  /**
   * The path of the cgroup of {@code controller} in the text of {@code /proc/<pid>/cgroup}: lines
   * {@code id:controllers:path}; v2 is the line with id 0 and no controllers (pass {@code ""}).
   * Null when the controller is not mounted.
   */
  public static String ownPath(String procSelfCgroup, String controller) {
    for (String line : procSelfCgroup.split("\n")) {
      String[] f = line.split(":", 3);
      if (f.length < 3) {
        continue;
      }
      if (controller.isEmpty()
          ? f[0].equals("0") && f[1].isEmpty()
          : List.of(f[1].split(",")).contains(controller)) {
        return f[2].trim();
      }
    }
    return null;
  }
}
