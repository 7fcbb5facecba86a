package dev.shoal.monitor.proc;

/**
 * The fields of {@code /proc/<pid>/stat} that the monitor uses. Times are in clock ticks, {@code
 * startTime} in ticks since boot, {@code vsize} in bytes, {@code rssPages} in pages.
 *
 * @param state one letter: R, S, D, Z, T, ...
 */
public record ProcStat(
    long pid,
    String comm,
    char state,
    long ppid,
    long pgrp,
    long session,
    long utime,
    long stime,
    long cutime,
    long cstime,
    long threads,
    long startTime,
    long vsize,
    long rssPages) {

  /** Whether the process has exited and awaits its parent's wait. */
  public boolean zombie() {
    return state == 'Z';
  }

  /**
   * Parses one {@code stat} line. The command name may hold spaces and parentheses, so the fields
   * are counted from its last closing parenthesis.
   *
   * @throws IllegalArgumentException if the text is not a stat line
   */
  public static ProcStat parse(String text) {
    int open = text.indexOf('(');
    int close = text.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + abbreviate(text));
    }
    String[] f = text.substring(close + 1).trim().split(" +");
    if (f.length < 22) {
      throw new IllegalArgumentException(
          "/proc/<pid>/stat line has " + f.length + " fields after the name, expected at least 22");
    }
    // f[0] is field 3 of proc(5).
    return new ProcStat(
        Long.parseLong(text.substring(0, open).trim()),
        text.substring(open + 1, close),
        f[0].charAt(0),
        Long.parseLong(f[1]),
        Long.parseLong(f[2]),
        Long.parseLong(f[3]),
        Long.parseLong(f[11]),
        Long.parseLong(f[12]),
        Long.parseLong(f[13]),
        Long.parseLong(f[14]),
        Long.parseLong(f[17]),
        Long.parseLong(f[19]),
        Long.parseUnsignedLong(f[20]),
        Long.parseLong(f[21]));
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
