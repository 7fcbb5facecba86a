package dev.shoal.mesos;

/** The id of a Mesos agent, {@code {"value": "..."}} on the wire. */
public record AgentId(String value) {
  public AgentId {
    Ids.check(value, "AgentId");
  }

  @Override
  public String toString() {
    return value;
  }
}
