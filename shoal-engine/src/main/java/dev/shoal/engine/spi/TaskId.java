package dev.shoal.engine.spi;

/** Identifies one attempt to run a rule; unique within a run of the engine. */
public record TaskId(long value) {
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
