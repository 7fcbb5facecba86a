package dev.shoal.mesos;

/** The id of a Mesos task, {@code {"value": "..."}} on the wire. */
public record TaskId(String value) {
  public TaskId {
    Ids.check(value, "TaskId");
  }

  @Override
  public String toString() {
    return value;
  }
}
