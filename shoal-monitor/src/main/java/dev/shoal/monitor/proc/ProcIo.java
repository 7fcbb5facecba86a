package dev.shoal.monitor.proc;

/**
 * The counters of {@code /proc/<pid>/io}, in bytes.
 *
 * <p>The monitor reports {@code rchar}/{@code wchar} as bytes read and written: they count every
 * byte passed through read(2)/write(2) and friends, as cctools' helper library counts its wrapped
 * calls, whether served from the page cache, a pipe or a disk. {@code read_bytes}/{@code
 * write_bytes} count only traffic to the block layer: a re-read of a cached file shows 0 and a
 * write shows up when the kernel flushes it, perhaps after the task ended.
 */
public record ProcIo(long rchar, long wchar, long readBytes, long writeBytes) {
  public static final ProcIo ZERO = new ProcIo(0, 0, 0, 0);

  /** Parses the text of an io file; unknown lines are ignored. */
  public static ProcIo parse(String text) {
    long rchar = 0, wchar = 0, rb = 0, wb = 0;
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      long v = Long.parseLong(line.substring(colon + 1).trim());
      switch (line.substring(0, colon)) {
        case "rchar" -> rchar = v;
        case "wchar" -> wchar = v;
        case "read_bytes" -> rb = v;
        case "write_bytes" -> wb = v;
        default -> {}
      }
    }
    return new ProcIo(rchar, wchar, rb, wb);
  }
}
