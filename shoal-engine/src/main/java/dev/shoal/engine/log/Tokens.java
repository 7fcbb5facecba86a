package dev.shoal.engine.log;

import java.util.Arrays;

/**
 * The white-space separated fields of one line, as positions into it (no substrings are made until
 * asked). White space is what C's {@code isspace} calls so: space, tab, CR, LF, VT, FF.
 */
final class Tokens {

  private final String line;
  private int[] bounds = new int[24];
  private int count;

  private Tokens(String line) {
    this.line = line;
  }

  static Tokens of(String line) {
    return of(line, 0);
  }

  /** The fields of {@code line} from index {@code from}. */
  static Tokens of(String line, int from) {
    Tokens t = new Tokens(line);
    int i = from;
    int n = line.length();
    while (true) {
      while (i < n && isSpace(line.charAt(i))) {
        i++;
      }
      if (i == n) {
        return t;
      }
      int start = i;
      while (i < n && !isSpace(line.charAt(i))) {
        i++;
      }
      t.add(start, i);
    }
  }

  private void add(int start, int end) {
    if (2 * count + 2 > bounds.length) {
      bounds = Arrays.copyOf(bounds, bounds.length * 2);
    }
    bounds[2 * count] = start;
    bounds[2 * count + 1] = end;
    count++;
  }

  int count() {
    return count;
  }

  int start(int i) {
    return bounds[2 * i];
  }

  int end(int i) {
    return bounds[2 * i + 1];
  }

  String text(int i) {
    return line.substring(start(i), end(i));
  }

  /** Field {@code i} as an unsigned decimal number, or -1 if it is not one or exceeds a long. */
  long unsigned(int i) {
    int from = start(i);
    int to = end(i);
    if (to - from > 18) {
      // Longer than any long without overflow checks; such values do not occur in a log.
      return -1;
    }
    long value = 0;
    for (int k = from; k < to; k++) {
      char c = line.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u000b' || c == '\f';
  }
}
