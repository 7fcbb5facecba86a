package dev.shoal.monitor;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes the {@code .series} time series as resource_monitor does: a header of {@code #} comments
 * naming the columns, then one line per {@link Sample}. Columns: wall_clock (Unix s), cpu_time (s,
 * cumulative), cores, max_concurrent_processes, virtual_memory, memory, swap_memory (MB),
 * bytes_read, bytes_written (bytes, cumulative), bytes_received, bytes_sent, bandwidth (always 0),
 * machine_load (0), total_files, disk (MB). Not thread-safe: one writer per file.
 */
public final class SeriesWriter {
  private static final double MB = 1024.0 * 1024.0;
  private final Writer out;

  public SeriesWriter(Writer out) throws IOException {
    this.out = out;
    out.write(
        """
        # Units:
        # wall_clock and cpu_time in seconds
        # virtual, resident and swap memory in megabytes.
        # disk in megabytes.
        # bandwidth in bits/s.
        # cpu_time, bytes_read, bytes_written, bytes_sent, and bytes_received show cumulative values.
        # wall_clock, max_concurrent_processes, virtual, resident, swap, files, and disk show values at the sample point.
        #wall_clock cpu_time cores max_concurrent_processes virtual_memory memory swap_memory \
        bytes_read bytes_written bytes_received bytes_sent bandwidth machine_load total_files disk
        """);
  }

  public void write(Sample s) throws IOException {
    out.write(
        String.format(
            Locale.ROOT,
            "%.6f %.6f %.3f %d %d %d %d %d %d 0 0 0.000 0 %d %d%n",
            s.timeMicros() / 1e6,
            s.cpuTimeMicros() / 1e6,
            s.cores(),
            s.processes(),
            (long) Math.ceil(s.virtualMemoryBytes() / MB),
            (long) Math.ceil(s.memoryBytes() / MB),
            (long) Math.ceil(s.swapBytes() / MB),
            s.bytesRead(),
            s.bytesWritten(),
            s.totalFiles(),
            (long) Math.ceil(s.diskBytes() / MB)));
  }
}
