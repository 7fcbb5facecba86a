package dev.shoal.worker;

import dev.shoal.monitor.Limits;
import dev.shoal.monitor.Resource;
import dev.shoal.monitor.TaskConfig;
import dev.shoal.wire.TaskSpec;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a task runs with: its monitor limits and its environment. Pure. */
final class TaskSetup {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private TaskSetup() {}

  /**
   * The wall-time limit of a task: the smaller of its {@code wall_time} and the time left until its
   * {@code end_time}.
   *
   * @param seconds the limit, or empty for none
   * @param fromEndTime whether {@code end_time} is the binding one (its expiry is TASK_TIMEOUT)
   */
  record WallLimit(Optional<Double> seconds, boolean fromEndTime) {
    static WallLimit of(TaskSpec spec, long nowMicros) {
      Optional<Double> wall = spec.wallTimeMicros().filter(w -> w > 0).map(w -> w / 1_000_000.0);
      Optional<Double> left =
          spec.endTimeMicros()
              .filter(e -> e > 0)
              .map(e -> Math.max(0.001, (e - nowMicros) / 1_000_000.0));
      if (left.isPresent() && (wall.isEmpty() || left.get() < wall.get())) {
        return new WallLimit(left, true);
      }
      return new WallLimit(wall, false);
    }
  }

  /**
   * The monitor's view of a task: its declared memory and disk (disk measured in the sandbox) and
   * its wall time are limits. Cores are not enforced: a short burst above the allocation is not
   * worth a kill.
   */
  static TaskConfig config(TaskSpec spec, Amounts want, WallLimit wall, Path sandbox) {
    Map<Resource, Double> m = new EnumMap<>(Resource.class);
    if (spec.memoryMb().isPresent() && want.memoryMb() > 0) {
      m.put(Resource.MEMORY, want.memoryMb());
    }
    boolean disk = spec.diskMb().isPresent() && want.diskMb() > 0;
    if (disk) {
      m.put(Resource.DISK, want.diskMb());
    }
    wall.seconds().ifPresent(s -> m.put(Resource.WALL_TIME, s));
    return new TaskConfig(
        spec.command(), m.isEmpty() ? Limits.NONE : new Limits(m), disk ? sandbox : null, false);
  }

  /**
   * The variables a task gets: its allocation ({@code CORES}, {@code MEMORY}, {@code DISK}, {@code
   * GPUS}, as cctools' worker sets them), {@code WORK_QUEUE_SANDBOX}, then the manager's {@code
   * env} lines. A variable whose name a shell cannot export is logged and left out.
   */
  static Map<String, String> environment(TaskSpec spec, Amounts want, Path sandbox, Log log) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CORES", whole(want.cores()));
    env.put("MEMORY", whole(want.memoryMb()));
    env.put("DISK", whole(want.diskMb()));
    env.put("GPUS", whole(want.gpus()));
    env.put("WORK_QUEUE_SANDBOX", sandbox.toString());
    for (String e : spec.environment()) {
      int eq = e.indexOf('=');
      String name = eq < 0 ? e : e.substring(0, eq);
      if (!NAME.matcher(name).matches()) {
        log.warn(
            "task "
                + spec.id()
                + ": environment entry '"
                + name
                + "' is not a variable name; left out");
        continue;
      }
      env.put(name, eq < 0 ? "" : e.substring(eq + 1));
    }
    return env;
  }

  private static String whole(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
