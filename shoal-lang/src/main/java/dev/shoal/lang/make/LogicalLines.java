package dev.shoal.lang.make;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Splits Makeflow text into logical lines: a line ending in an unescaped backslash continues on the
 * next one, the backslash and newline becoming one space. A line whose first character is {@code #}
 * is a comment and never continues. A continuation at the end of the text is dropped, so a trailing
 * backslash after the last command is harmless.
 *
 * <p>Reads lazily from its reader; not thread-safe.
 */
final class LogicalLines {

  /** One logical line and the number of its first physical line (1-based). */
  record SourceLine(int number, String text) {}

  private final BufferedReader in;
  private int physical;

  LogicalLines(BufferedReader in) {
    this.in = in;
  }

  /** The next logical line, or {@code null} at the end of the text. */
  SourceLine next() throws IOException {
    String line = in.readLine();
    if (line == null) {
      return null;
    }
    int number = ++physical;
    if (line.startsWith("#") || !continues(line)) {
      return new SourceLine(number, line);
    }
    StringBuilder joined = new StringBuilder(line.length() * 2);
    while (line != null && continues(line)) {
      joined.append(line, 0, line.length() - 1).append(' ');
      line = in.readLine();
      if (line != null) {
        physical++;
      }
    }
    if (line != null) {
      joined.append(line);
    }
    return new SourceLine(number, joined.toString());
  }

  /** True when the line ends in an odd number of backslashes. */
  private static boolean continues(String line) {
    int count = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      count++;
    }
    return count % 2 == 1;
  }
}
