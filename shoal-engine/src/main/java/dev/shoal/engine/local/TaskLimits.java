package dev.shoal.engine.local;

import dev.shoal.lang.model.Resources;
import dev.shoal.monitor.Limits;
import dev.shoal.monitor.Resource;
import dev.shoal.monitor.Summary;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Between a task's allocation and the monitor: the limits it runs under, and its measured peaks as
 * {@link Resources}. Memory and wall time are enforced; disk only in a sandbox (the only directory
 * that is the task's alone). Cores are measured, not enforced: a short burst above the allocation
 * is not worth a kill, and sizing learns from the measured peak.
 */
final class TaskLimits {
  private TaskLimits() {}

  static Limits of(Resources allocation, boolean sandboxed) {
    Map<Resource, Double> m = new EnumMap<>(Resource.class);
    if (allocation.memoryMb() > 0) {
      m.put(Resource.MEMORY, (double) allocation.memoryMb());
    }
    if (allocation.wallTimeSec() > 0) {
      m.put(Resource.WALL_TIME, (double) allocation.wallTimeSec());
    }
    if (sandboxed && allocation.diskMb() > 0) {
      m.put(Resource.DISK, (double) allocation.diskMb());
    }
    return m.isEmpty() ? Limits.NONE : new Limits(m);
  }

  /** {@code memory 612 MB > 500 MB}, for every limit the task exceeded. */
  static String describe(Summary s, Resources allocation) {
    StringJoiner j = new StringJoiner(", ", "exceeded its allocation: ", "");
    for (Map.Entry<Resource, Double> e : s.limitsExceeded().entrySet()) {
      Resource r = e.getKey();
      j.add(
          String.format(
              Locale.ROOT,
              "%s %.0f %s > %s",
              r.key(),
              e.getValue(),
              r.unit(),
              limitOf(r, allocation)));
    }
    return j.toString();
  }

  private static String limitOf(Resource r, Resources a) {
    return switch (r) {
      case MEMORY -> a.memoryMb() + " MB";
      case DISK -> a.diskMb() + " MB";
      case WALL_TIME -> a.wallTimeSec() + " s";
      default -> "its limit";
    };
  }
}
