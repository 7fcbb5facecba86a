package dev.shoal.engine.log;

import java.time.Instant;

/**
 * Wall-clock time in Unix microseconds, the unit of every log timestamp. Injected so tests are
 * deterministic. Implementations must be safe to call from the thread that owns the log.
 */
@FunctionalInterface
public interface MicrosClock {

  /** Microseconds since 1970-01-01T00:00:00Z. */
  long nowMicros();

  /** The system clock, with the microsecond resolution the platform gives. */
  static MicrosClock system() {
    return () -> {
      Instant now = Instant.now();
      return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    };
  }
}
