package dev.shoal.worker.launch;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mesos' duration text in the executor's environment ({@code 15mins}, {@code 5secs}, ...). */
final class MesosDurations {
  private static final Pattern DURATION =
      Pattern.compile("([0-9.]+)\\s*(ns|us|ms|secs|mins|hrs|days|weeks)");

  private MesosDurations() {}

  /** {@code text} as a duration, or {@code otherwise} when it is absent or not understood. */
  static Duration parse(String text, Duration otherwise) {
    if (text == null) {
      return otherwise;
    }
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return otherwise;
    }
    double v = Double.parseDouble(m.group(1));
    double nanosPer =
        switch (m.group(2)) {
          case "ns" -> 1;
          case "us" -> 1e3;
          case "ms" -> 1e6;
          case "secs" -> 1e9;
          case "mins" -> 60e9;
          case "hrs" -> 3600e9;
          case "days" -> 86400e9;
          default -> 7 * 86400e9;
        };
    return Duration.ofNanos((long) (v * nanosPer));
  }
}
