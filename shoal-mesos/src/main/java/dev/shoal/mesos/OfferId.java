package dev.shoal.mesos;

/** The id of a Mesos offer, {@code {"value": "..."}} on the wire. */
public record OfferId(String value) {
  public OfferId {
    Ids.check(value, "OfferId");
  }

  @Override
  public String toString() {
    return value;
  }
}
