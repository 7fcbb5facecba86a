package dev.shoal.jx;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * {@code format(fmt, ...)}: C printf conversions {@code %s %d %i %e %E %f %F %g %G %%}, with the
 * flags {@code - + space 0 #}, a width and a precision. Every argument must be used, and each must
 * suit its conversion ({@code %d} takes integers; {@code %e %f %g} take any number; {@code %s}
 * prints strings as they are and other values as JSON).
 */
final class Printf {
  private Printf() {}

  static JxValue format(List<JxValue> args, int line) {
    if (args.isEmpty() || !(args.get(0) instanceof JxString(String fmt))) {
      return Builtins.invalid(
          "format", "needs a format string first — call it as format(\"file%d.txt\", 10)", line);
    }
    StringBuilder out = new StringBuilder();
    int next = 1;
    int i = 0;
    while (i < fmt.length()) {
      char c = fmt.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      int specStart = i - 1;
      StringBuilder flags = new StringBuilder();
      while (i < fmt.length() && "-+ 0#".indexOf(fmt.charAt(i)) >= 0) {
        flags.append(fmt.charAt(i++));
      }
      int width = -1;
      int ws = i;
      while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
        i++;
      }
      if (i > ws) {
        width = Integer.parseInt(fmt.substring(ws, i));
      }
      int precision = -1;
      if (i < fmt.length() && fmt.charAt(i) == '.') {
        int ps = ++i;
        while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
          i++;
        }
        precision = i > ps ? Integer.parseInt(fmt.substring(ps, i)) : 0;
      }
      if (i >= fmt.length()) {
        return Builtins.invalid(
            "format",
            "the format ends inside '"
                + fmt.substring(specStart)
                + "' — finish the conversion (e.g. %d) or write %% for a percent sign",
            line);
      }
      char conv = fmt.charAt(i++);
      String spec = fmt.substring(specStart, i);
      if (conv == '%') {
        out.append('%');
        continue;
      }
      if ("sdieEfFgG".indexOf(conv) < 0) {
        return Builtins.invalid(
            "format",
            "unsupported conversion '" + spec + "' — use one of %s %d %i %e %E %f %F %g %G %%",
            line);
      }
      if (next >= args.size()) {
        return Builtins.invalid(
            "format",
            "not enough arguments: '"
                + spec
                + "' is conversion "
                + next
                + " but only "
                + (args.size() - 1)
                + " value(s) follow the format — add the missing value",
            line);
      }
      JxValue arg = args.get(next++);
      String body;
      switch (conv) {
        case 's' -> {
          String s = arg instanceof JxString(String str) ? str : Json.write(arg);
          body = precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
        }
        case 'd', 'i' -> {
          if (!(arg instanceof JxInteger(long n))) {
            return wrongType(
                spec, "an integer", arg, "use %f for numbers with a fraction, or floor()", line);
          }
          body = sign(Long.toString(Math.abs(n)), n < 0, flags);
          if (n == Long.MIN_VALUE) {
            body = Long.toString(n);
          }
        }
        default -> {
          if (!Operators.isNumber(arg)) {
            return wrongType(spec, "a number", arg, "use %s for strings", line);
          }
          double d = Operators.toDouble(arg);
          body = floating(d, conv, precision < 0 ? 6 : precision, flags.indexOf("#") >= 0);
          if (!Double.isNaN(d)) {
            body =
                sign(
                    body.startsWith("-") ? body.substring(1) : body,
                    d < 0 || (d == 0 && 1 / d < 0),
                    flags);
          }
        }
      }
      out.append(pad(body, width, flags, conv != 's' && Character.isLetter(conv)));
    }
    if (next < args.size()) {
      return Builtins.invalid(
          "format",
          (args.size() - next)
              + " value(s) left over after the last conversion of "
              + Json.brief(args.get(0))
              + " — add a conversion for each value or remove the extra ones",
          line);
    }
    return new JxString(out.toString());
  }

  private static String floating(double d, char conv, int precision, boolean alt) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      String s = Double.isNaN(d) ? "nan" : (d < 0 ? "-inf" : "inf");
      return Character.isUpperCase(conv) ? s.toUpperCase(Locale.ROOT) : s;
    }
    return switch (conv) {
      case 'f', 'F' -> String.format(Locale.ROOT, "%." + precision + "f", d);
      case 'e' -> String.format(Locale.ROOT, "%." + precision + "e", d);
      case 'E' -> String.format(Locale.ROOT, "%." + precision + "E", d);
      default -> general(d, precision == 0 ? 1 : precision, alt, conv == 'G');
    };
  }

  /**
   * C's %g: %e if the exponent is below -4 or at least the precision, else %f; trailing zeros cut.
   */
  private static String general(double d, int p, boolean alt, boolean upper) {
    int exp = 0;
    if (d != 0) {
      BigDecimal rounded = new BigDecimal(d).round(new MathContext(p, RoundingMode.HALF_EVEN));
      exp = rounded.precision() - rounded.scale() - 1;
    }
    String s =
        (exp < -4 || exp >= p)
            ? String.format(Locale.ROOT, "%." + (p - 1) + (upper ? "E" : "e"), d)
            : String.format(Locale.ROOT, "%." + Math.max(0, p - 1 - exp) + "f", d);
    if (alt) {
      return s;
    }
    int e = s.indexOf(upper ? 'E' : 'e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    String tail = e < 0 ? "" : s.substring(e);
    if (mantissa.indexOf('.') >= 0) {
      mantissa = mantissa.replaceAll("0+$", "");
      if (mantissa.endsWith(".")) {
        mantissa = mantissa.substring(0, mantissa.length() - 1);
      }
    }
    return mantissa + tail;
  }

  private static String sign(String digits, boolean negative, CharSequence flags) {
    String f = flags.toString();
    if (negative) {
      return "-" + digits;
    }
    if (f.indexOf('+') >= 0) {
      return "+" + digits;
    }
    return f.indexOf(' ') >= 0 ? " " + digits : digits;
  }

  private static String pad(String body, int width, CharSequence flags, boolean numeric) {
    if (width <= body.length()) {
      return body;
    }
    String f = flags.toString();
    String fill = " ".repeat(width - body.length());
    if (f.indexOf('-') >= 0) {
      return body + fill;
    }
    if (numeric && f.indexOf('0') >= 0) {
      int signLen = !body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0 ? 1 : 0;
      return body.substring(0, signLen)
          + "0".repeat(width - body.length())
          + body.substring(signLen);
    }
    return fill + body;
  }

  private static JxError wrongType(
      String spec, String expected, JxValue got, String remedy, int line) {
    return Builtins.invalid(
        "format",
        "'"
            + spec
            + "' needs "
            + expected
            + ", got "
            + got.typeName()
            + " "
            + Json.brief(got)
            + " — "
            + remedy,
        line);
  }
}
