package dev.shoal.mesos;

/**
 * Offer filters sent with DECLINE or ACCEPT: the master does not offer the refused (or left unused)
 * resources of that agent again for {@code refuseSeconds}. Mesos defaults to 5 s.
 */
public record Filters(double refuseSeconds) {
  public static final Filters DEFAULT = new Filters(5.0);

  public Filters {
    if (!(refuseSeconds >= 0)) {
      throw new IllegalArgumentException("refuse_seconds must be >= 0, was " + refuseSeconds);
    }
  }
}
