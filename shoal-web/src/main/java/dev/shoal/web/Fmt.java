package dev.shoal.web;

import java.util.Locale;

/** Number formatting shared by the text and HTML reports: locale-independent, short. */
final class Fmt {
  private Fmt() {}

  /**
   * An integer without decimals, else about 3 significant digits without trailing zeros ({@code
   * 0.005}, {@code 1.5}, {@code 12.3}, {@code 109}); {@code -} for NaN.
   */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    double a = Math.abs(v);
    String s =
        a >= 100
            ? String.format(Locale.ROOT, "%.0f", v)
            : a >= 10
                ? String.format(Locale.ROOT, "%.1f", v)
                : a >= 0.1
                    ? String.format(Locale.ROOT, "%.2f", v)
                    : String.format(Locale.ROOT, "%.3f", v);
    if (s.indexOf('.') >= 0) {
      s = s.replaceAll("0+$", "");
      s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
    return s;
  }

  /** A duration in seconds: {@code 0.021 s}, {@code 12.3 s}, {@code 4m05s}, {@code 2h03m}. */
  static String seconds(double s) {
    if (Double.isNaN(s)) {
      return "-";
    }
    if (s < 60) {
      return num(s) + " s";
    }
    long whole = Math.round(s);
    if (whole < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", whole / 3600, whole % 3600 / 60);
  }

  /** A ratio as a percentage, {@code 42%}, or {@code -} when unknown. */
  static String percent(double ratio) {
    return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }
}
