package dev.shoal.worker;

import java.time.Duration;

/**
 * Waits between connection attempts: {@code min}, then twice as long each failure, at most {@code
 * max}; back to {@code min} after a connection that worked. Not thread-safe.
 */
final class Backoff {
  private final Duration min;
  private final Duration max;
  private Duration next;

  Backoff(Duration min, Duration max) {
    this.min = min;
    this.max = max;
    this.next = min;
  }

  /** The wait before the next attempt; doubles the one after it. */
  Duration next() {
    Duration now = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    if (next.isZero()) {
      next = max.isZero() ? Duration.ZERO : Duration.ofMillis(Math.min(100, max.toMillis()));
    }
    return now;
  }

  void reset() {
    next = min;
  }
}
