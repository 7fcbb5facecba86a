package dev.shoal.engine.local;

import dev.shoal.monitor.MonitoredTask;
import dev.shoal.monitor.Sample;
import dev.shoal.monitor.SeriesWriter;
import dev.shoal.monitor.Summary;
import dev.shoal.monitor.SummaryJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a rule's {@code .summary} (and {@code .series}) whole or not at all: temp, then rename.
 */
final class SummaryFiles {
  private SummaryFiles() {}

  static void write(Monitoring monitoring, int rule, Summary summary, MonitoredTask task) {
    Path prefix = monitoring.prefix(rule);
    if (prefix == null) {
      return;
    }
    try {
      Files.createDirectories(prefix.getParent());
      atomic(
          prefix.resolveSibling(prefix.getFileName() + ".summary"),
          SummaryJson.write(summary, true));
      if (monitoring.timeSeries()) {
        Path series = prefix.resolveSibling(prefix.getFileName() + ".series");
        Path tmp = series.resolveSibling(series.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          SeriesWriter sw = new SeriesWriter(w);
          for (Sample s : task.series()) {
            sw.write(s);
          }
        }
        Files.move(
            tmp, series, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the resource summary of rule " + rule, e);
    }
  }

  private static void atomic(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
