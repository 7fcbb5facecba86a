package dev.shoal.engine.spi;

/** Where a back end posts its events. Thread-safe; never blocks for long. */
@FunctionalInterface
public interface EventSink {
  void post(BackendEvent event);
}
