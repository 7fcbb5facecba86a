package dev.shoal.mesos;

/** The id of a Mesos executor, {@code {"value": "..."}} on the wire. */
public record ExecutorId(String value) {
  public ExecutorId {
    Ids.check(value, "ExecutorId");
  }

  @Override
  public String toString() {
    return value;
  }
}
