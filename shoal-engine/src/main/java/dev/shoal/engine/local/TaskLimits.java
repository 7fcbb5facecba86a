package dev.shoal.engine.local;

import dev.shoal.lang.model.Resources;
import dev.shoal.monitor.Limits;
import dev.shoal.monitor.Resource;
import dev.shoal.monitor.Summary;
import dev.shoal.monitor.Usage;
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

  /** The peaks of a summary: cores rounded up, memory and disk in MB, wall time in seconds. */
  static Resources measured(Summary s) {
    Usage u = s.usage();
    return new Resources(
        (long) Math.ceil(u.value(Resource.CORES) - 0.05),
        (long) u.value(Resource.MEMORY),
        (long) u.value(Resource.DISK),
        Resources.UNSET,
        (long) Math.ceil(u.value(Resource.WALL_TIME)),
        Resources.UNSET);
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
