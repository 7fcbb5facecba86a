package dev.shoal.mesos;

/** Shared checks of the typed ids. */
final class Ids {
  private Ids() {}

  static void check(String value, String kind) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(kind + " is empty — Mesos ids are non-empty strings");
    }
  }
}
