package dev.shoal.wq.manager;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of input files the manager sent to workers and the time its writer threads spent sending
 * them, summed over connections (so concurrent sends add up their times): bytes ÷ time is the rate
 * one transfer got. Thread-safe.
 */
final class Transfers {
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();

  void add(long byteCount, long elapsedNanos) {
    bytes.addAndGet(byteCount);
    nanos.addAndGet(elapsedNanos);
  }

  long bytes() {
    return bytes.get();
  }

  double seconds() {
    return nanos.get() / 1e9;
  }
}
