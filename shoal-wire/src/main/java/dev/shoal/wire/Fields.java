package dev.shoal.wire;

/**
 * The space-separated fields of one protocol line, with typed accessors that fail with a {@link
 * ProtocolException} naming the line and the expected form. Pure.
 */
final class Fields {
  private final String line;
  private final String form;
  private final String[] parts;

  private Fields(String line, String form, String[] parts) {
    this.line = line;
    this.form = form;
    this.parts = parts;
  }

  /**
   * Splits {@code line} on single spaces and requires exactly as many fields as {@code form} has
   * words.
   *
   * @param form the expected shape, e.g. {@code "missing <name> <errno>"}
   */
  static Fields exactly(String line, String form) throws ProtocolException {
    int want = form.split(" ").length;
    String[] parts = line.split(" ", -1);
    if (parts.length != want) {
      throw new ProtocolException(line, "'" + form + "'");
    }
    return new Fields(line, form, parts);
  }

  /** Like {@link #exactly} but also accepts {@code extra} more fields at the end. */
  static Fields between(String line, String form, int extra) throws ProtocolException {
    int want = form.split(" ").length;
    String[] parts = line.split(" ", -1);
    if (parts.length < want || parts.length > want + extra) {
      throw new ProtocolException(line, "'" + form + "'");
    }
    return new Fields(line, form, parts);
  }

  int size() {
    return parts.length;
  }

  String str(int i) throws ProtocolException {
    if (parts[i].isEmpty()) {
      throw bad(i, "a non-empty field");
    }
    return parts[i];
  }

  String name(int i) throws ProtocolException {
    return UrlNames.decode(str(i));
  }

  long lng(int i) throws ProtocolException {
    try {
      return Long.parseLong(parts[i]);
    } catch (NumberFormatException e) {
      throw bad(i, "an integer");
    }
  }

  int integer(int i) throws ProtocolException {
    long v = lng(i);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw bad(i, "a 32-bit integer");
    }
    return (int) v;
  }

  long nonNegative(int i) throws ProtocolException {
    long v = lng(i);
    if (v < 0) {
      throw bad(i, "a non-negative integer");
    }
    return v;
  }

  TaskId taskId(int i) throws ProtocolException {
    return new TaskId(nonNegative(i));
  }

  double dbl(int i) throws ProtocolException {
    String s = parts[i];
    // Only plain decimal numbers: no NaN, Infinity, hex floats or type suffixes.
    if (!s.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
      throw bad(i, "a decimal number");
    }
    return Double.parseDouble(s);
  }

  int octal(int i) throws ProtocolException {
    String s = parts[i];
    if (!s.matches("[0-7]{1,6}") || Integer.parseInt(s, 8) > 07777) {
      throw bad(i, "an octal file mode up to 7777");
    }
    return Integer.parseInt(s, 8);
  }

  private ProtocolException bad(int i, String what) {
    String[] words = form.split(" ");
    String slot = i < words.length ? words[i] : "field " + (i + 1);
    return new ProtocolException(line, "'" + form + "' with " + slot + " " + what);
  }
}
