package dev.shoal.monitor;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxDouble;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summaries as cctools' resource_monitor writes them: a JSON object whose measurements are {@code
 * [value, "unit"]} pairs, in the key order of resource_monitor 8, with its units (s, MB, cores,
 * procs, files). Keys Shoal does not measure (network, GPUs, ...) are written as 0 so consumers
 * find every key they expect. Stateless.
 */
public final class SummaryJson {
  private SummaryJson() {}

  /** The version written as {@code monitor_version}. */
  public static final String VERSION = "shoal-monitor 0.1";

  /** The summary as JSON text: one line, or pretty (one key a line) when {@code pretty}. */
  public static String write(Summary s, boolean pretty) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("executable_type", str("dynamic"));
    o.put("monitor_version", str(VERSION));
    o.put("host", str(s.host()));
    o.put("command", str(s.command()));
    o.put("exit_status", Integer.toString(s.exitStatus()));
    o.put("exit_type", str(s.exitType().word()));
    if (s.signal() != 0) {
      o.put("signal", Integer.toString(s.signal()));
    }
    if (!s.limitsExceeded().isEmpty()) {
      Map<String, String> lim = new LinkedHashMap<>();
      s.limitsExceeded().forEach((r, v) -> lim.put(r.key(), pair(v, r.decimals(), r.unit())));
      o.put("limits_exceeded", object(lim, pretty, 1));
    }
    o.put("start", pair(s.startMicros() / 1e6, 6, "s"));
    o.put("end", pair(s.endMicros() / 1e6, 6, "s"));
    Usage u = s.usage();
    for (Resource r :
        List.of(
            Resource.WALL_TIME,
            Resource.CPU_TIME,
            Resource.MEMORY,
            Resource.VIRTUAL_MEMORY,
            Resource.SWAP_MEMORY,
            Resource.DISK,
            Resource.BYTES_READ,
            Resource.BYTES_WRITTEN)) {
      o.put(r.key(), pair(u.value(r), r.decimals(), r.unit()));
    }
    o.put("bytes_received", pair(0, 0, "MB"));
    o.put("bytes_sent", pair(0, 0, "MB"));
    o.put("bandwidth", pair(0, 0, "Mbps"));
    o.put("gpus", pair(0, 0, "gpus"));
    o.put("cores", pair(u.value(Resource.CORES), 3, "cores"));
    o.put("cores_avg", pair(u.value(Resource.CORES_AVG), 3, "cores"));
    o.put("machine_cpus", pair(s.machineCpus(), 0, "cores"));
    o.put("machine_load", pair(0, 0, "procs"));
    for (Resource r :
        List.of(
            Resource.CONTEXT_SWITCHES,
            Resource.MAX_CONCURRENT_PROCESSES,
            Resource.TOTAL_PROCESSES,
            Resource.TOTAL_FILES)) {
      o.put(r.key(), pair(u.value(r), r.decimals(), r.unit()));
    }
    o.put("fs_nodes", pair(0, 0, "nodes"));
    o.put("workers", pair(0, 0, "workers"));
    Map<String, String> peaks = new LinkedHashMap<>();
    s.peakTimesMicros().forEach((r, t) -> peaks.put(r.key(), pair(t / 1e6, 3, "s")));
    peaks.put("end", pair((s.endMicros() - s.startMicros()) / 1e6, 3, "s"));
    peaks.put("start", pair(0, 0, "s"));
    o.put("peak_times", object(peaks, pretty, 1));
    return object(o, pretty, 0) + "\n";
  }

  private static String str(String s) {
    StringBuilder sb = new StringBuilder();
    Json.quote(s, sb);
    return sb.toString();
  }

  private static String object(Map<String, String> members, boolean pretty, int depth) {
    String in = pretty ? "\n" + "  ".repeat(depth + 1) : "";
    StringBuilder sb = new StringBuilder("{");
    String sep = "";
    for (Map.Entry<String, String> e : members.entrySet()) {
      sb.append(sep).append(in).append(str(e.getKey())).append(pretty ? ": " : ":");
      sb.append(e.getValue());
      sep = ",";
    }
    return sb.append(pretty ? "\n" + "  ".repeat(depth) : "").append('}').toString();
  }

  /** {@code [value, "unit"]} with at most {@code decimals} digits, no exponent. */
  static String pair(double value, int decimals, String unit) {
    String v =
        BigDecimal.valueOf(value)
            .setScale(decimals, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString();
    return "[" + v + "," + str(unit) + "]";
  }

  /**
   * Reads a summary written by cctools' resource_monitor or by Shoal. Unknown keys are ignored;
   * absent measurements read as 0.
   *
   * @throws IllegalArgumentException naming the file and the key that is wrong
   */
  public static Summary parse(String text, String fileName) {
    JxValue v;
    try {
      v = Json.parse(text, fileName);
    } catch (JxSyntaxException e) {
      throw new IllegalArgumentException(fileName + ": not a summary: " + e.getMessage(), e);
    }
    if (!(v instanceof JxObject o)) {
      throw new IllegalArgumentException(fileName + ": a summary is a JSON object");
    }
    Map<Resource, Double> values = new EnumMap<>(Resource.class);
    for (Resource r : Resource.values()) {
      if (o.get(r.key()) != null && r != Resource.CORES_AVG) {
        values.put(r, number(o.get(r.key()), fileName, r.key()));
      }
    }
    long start = Math.round(number(o.get("start"), fileName, "start") * 1e6);
    long end = Math.round(number(o.get("end"), fileName, "end") * 1e6);
    return new Summary(
        o.get("command") instanceof JxString c ? c.value() : "",
        start,
        end,
        o.get("exit_type") instanceof JxString t ? ExitType.of(t.value()) : ExitType.NORMAL,
        (int) (o.get("exit_status") == null ? 0 : number(o.get("exit_status"), fileName, "")),
        (int) (o.get("signal") == null ? 0 : number(o.get("signal"), fileName, "signal")),
        Usage.ofValues(values),
        resources(o.get("limits_exceeded"), fileName, 1),
        times(o.get("peak_times"), fileName),
        (int) (o.get("machine_cpus") == null ? 0 : number(o.get("machine_cpus"), fileName, "")),
        o.get("host") instanceof JxString h ? h.value() : "");
  }

  private static Map<Resource, Double> resources(JxValue v, String file, double scale) {
    Map<Resource, Double> out = new EnumMap<>(Resource.class);
    if (v instanceof JxObject o) {
      o.fields()
          .forEach(
              (k, x) -> Resource.byKey(k).ifPresent(r -> out.put(r, number(x, file, k) * scale)));
    }
    return out;
  }

  private static Map<Resource, Long> times(JxValue v, String file) {
    Map<Resource, Long> out = new EnumMap<>(Resource.class);
    resources(v, file, 1e6).forEach((r, t) -> out.put(r, Math.round(t)));
    return out;
  }

  private static double number(JxValue v, String file, String key) {
    JxValue x = v instanceof JxArray a && a.size() > 0 ? a.get(0) : v;
    return switch (x) {
      case JxInteger i -> i.value();
      case JxDouble d -> d.value();
      case null -> throw new IllegalArgumentException(file + ": no " + key);
      default -> throw new IllegalArgumentException(file + ": " + key + " is not a number: " + x);
    };
  }
}
