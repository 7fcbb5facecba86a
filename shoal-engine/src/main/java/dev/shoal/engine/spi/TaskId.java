package dev.shoal.engine.spi;

/** Identifies one attempt to run a rule; unique within a run of the engine. */
public record TaskId(long value) {
  // equals and hashCode written out: a record's own are linked through ObjectMethods on their
  // first call, which costs ~10 ms at start-up and is not kept by the JVM's AOT cache.
  @Override
  public boolean equals(Object o) {
    return o instanceof TaskId t && t.value == value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
