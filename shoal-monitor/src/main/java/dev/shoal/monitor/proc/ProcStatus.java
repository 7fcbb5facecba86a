package dev.shoal.monitor.proc;

/**
 * The fields of {@code /proc/<pid>/status} that the monitor uses, in kB (the file's unit) and
 * counts. A kernel thread or a zombie has no {@code Vm*} lines: those read as 0.
 */
public record ProcStatus(
    long vmPeakKb,
    long vmSizeKb,
    long vmRssKb,
    long vmHwmKb,
    long vmSwapKb,
    long threads,
    long voluntarySwitches,
    long involuntarySwitches) {

  /** Parses the text of a status file; unknown lines are ignored. */
  public static ProcStatus parse(String text) {
    long peak = 0, size = 0, rss = 0, hwm = 0, swap = 0, threads = 0, vol = 0, invol = 0;
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon);
      switch (key) {
        case "VmPeak" -> peak = number(line, colon);
        case "VmSize" -> size = number(line, colon);
        case "VmRSS" -> rss = number(line, colon);
        case "VmHWM" -> hwm = number(line, colon);
        case "VmSwap" -> swap = number(line, colon);
        case "Threads" -> threads = number(line, colon);
        case "voluntary_ctxt_switches" -> vol = number(line, colon);
        case "nonvoluntary_ctxt_switches" -> invol = number(line, colon);
        default -> {}
      }
    }
    return new ProcStatus(peak, size, rss, hwm, swap, threads, vol, invol);
  }

  private static long number(String line, int colon) {
    String v = line.substring(colon + 1).trim();
    int space = v.indexOf(' ');
    return Long.parseLong(space < 0 ? v : v.substring(0, space));
  }
}
