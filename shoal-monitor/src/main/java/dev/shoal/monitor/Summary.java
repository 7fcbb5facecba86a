package dev.shoal.monitor;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The result of monitoring one task, as in a cctools {@code .summary} file.
 *
 * @param startMicros Unix time the monitor started following the task
 * @param exitStatus the command's status as a shell reports it (128 + signal when killed)
 * @param signal the signal that ended the command, 0 when it exited
 * @param limitsExceeded each exceeded limit and its value, in summary units
 * @param peakTimesMicros for each resource, microseconds from start to when its peak was reached
 * @param machineCpus processors of the machine
 * @param host the host name
 */
public record Summary(
    String command,
    long startMicros,
    long endMicros,
    ExitType exitType,
    int exitStatus,
    int signal,
    Usage usage,
    Map<Resource, Double> limitsExceeded,
    Map<Resource, Long> peakTimesMicros,
    int machineCpus,
    String host) {

  public Summary {
    limitsExceeded = copy(limitsExceeded);
    peakTimesMicros = copy(peakTimesMicros);
  }

  private static <V> Map<Resource, V> copy(Map<Resource, V> m) {
    EnumMap<Resource, V> c = new EnumMap<>(Resource.class);
    c.putAll(m);
    return Collections.unmodifiableMap(c);
  }

  /** The monitor's exit code for this summary (resource_monitor's): 0, 1 task error, 2 limits. */
  public int monitorExitCode() {
    if (exitType == ExitType.LIMIT) {
      return 2;
    }
    return exitStatus == 0 && exitType == ExitType.NORMAL ? 0 : 1;
  }
}
