package dev.shoal.mesos;

/** The id of a Mesos framework, {@code {"value": "..."}} on the wire. */
public record FrameworkId(String value) {
  public FrameworkId {
    Ids.check(value, "FrameworkId");
  }

  @Override
  public String toString() {
    return value;
  }
}
