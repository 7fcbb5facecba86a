package dev.shoal.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The production clock. */
final class Clocks {
  private Clocks() {}

  /** Unix time in microseconds. */
  static long nowMicros() {
    Instant now = Instant.now();
    return ChronoUnit.MICROS.between(Instant.EPOCH, now);
  }
}
