package dev.shoal.engine.local;

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
  public static final String DEFAULT_FORMAT = "resource-rule-%06d";

  /** Measure every task each second; write nothing. */
  public static final Monitoring DEFAULT =
      new Monitoring(Duration.ofSeconds(1), null, DEFAULT_FORMAT, false);

  public Monitoring {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(logFormat, "logFormat");
  }

  /** The summary path of {@code rule} without extension; null when summaries are not written. */
  Path prefix(int rule) {
    if (summaryDir == null) {
      return null;
    }
    String name =
        logFormat.contains("%%")
            ? logFormat.replace("%%", String.format("%06d", rule))
            : String.format(logFormat, rule);
    return summaryDir.resolve(name);
  }
}
