package dev.shoal.engine.local;

import dev.shoal.engine.spi.SummaryFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the local back end measures its tasks. Every task is measured; these settings say how often,
 * and whether summaries are written ({@code --monitor=DIR}).
 *
 * @param interval time between samples ({@code --monitor-interval}; 1 s by default)
 * @param summaryDir where {@code .summary} files go, or null for none
 * @param logFormat the file name of a rule's summary without extension: {@code %%} (as in makeflow)
 *     or a Java format such as {@code %06d} stands for the rule number
 * @param timeSeries also write a {@code .series} file per rule
 */
public record Monitoring(Duration interval, Path summaryDir, String logFormat, boolean timeSeries) {

  /** makeflow's summary names: {@code resource-rule-000042.summary}. */
  public static final String DEFAULT_FORMAT = SummaryFiles.DEFAULT_FORMAT;

  /** Measure every task each second; write nothing. */
  public static final Monitoring DEFAULT =
      new Monitoring(Duration.ofSeconds(1), null, DEFAULT_FORMAT, false);

  public Monitoring {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(logFormat, "logFormat");
  }

  /** The writer of the summaries these settings ask for (none without a summary directory). */
  public SummaryFiles summaryFiles() {
    return SummaryFiles.in(summaryDir, logFormat);
  }
}
