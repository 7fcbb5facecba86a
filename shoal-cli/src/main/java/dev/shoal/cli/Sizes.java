package dev.shoal.cli;

import java.util.Locale;

/** Sizes written like {@code 10M}, {@code 2G}, {@code 4096}: metric suffixes, powers of 1024. */
final class Sizes {
  private Sizes() {}

  /** Bytes in {@code text}; throws IllegalArgumentException with a remedy when it is not a size. */
  static long parseBytes(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.endsWith("B")) {
      t = t.substring(0, t.length() - 1);
    }
    long mult = 1;
    if (!t.isEmpty()) {
      int shift = "KMGTP".indexOf(t.charAt(t.length() - 1));
      if (shift >= 0) {
        mult = 1L << (10 * (shift + 1));
        t = t.substring(0, t.length() - 1);
      }
    }
    try {
      return Math.round(Double.parseDouble(t) * mult);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size — write a number with an optional K, M, G or T", e);
    }
  }
}
