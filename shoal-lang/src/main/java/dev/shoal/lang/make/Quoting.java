package dev.shoal.lang.make;

/**
 * Quote-aware scanning of one logical line. Quotes (single or double) group up to the matching
 * quote; a backslash escapes the next character everywhere, inside quotes too, as Makeflow has it.
 */
final class Quoting {
  private Quoting() {}

  /**
   * The line up to its first {@code #} that is neither quoted nor escaped.
   *
   * @throws LineError when a quote opened before the comment is never closed
   */
  static String stripComment(String line) throws LineError {
    if (line.indexOf('#') < 0 && line.indexOf('"') < 0 && line.indexOf('\'') < 0) {
      return line;
    }
    int end = indexOfUnquoted(line, "#");
    return end < 0 ? line : line.substring(0, end);
  }

  /**
   * The index of the first occurrence of one of {@code chars} outside quotes and not escaped, or
   * -1.
   *
   * @throws LineError when the line ends inside a quote before any of {@code chars} is found
   */
  static int indexOfUnquoted(String line, String chars) throws LineError {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (chars.indexOf(c) >= 0) {
        return i;
      }
    }
    if (quote != 0) {
      throw unterminated(quote);
    }
    return -1;
  }

  static LineError unterminated(char quote) {
    return new LineError(
        "unterminated "
            + quote
            + " quote — close it on the same line (or continue the line with \\), or escape it as \\"
            + quote);
  }

  /** True for the characters of a variable name: {@code [A-Za-z0-9_]}. */
  static boolean isNameChar(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** True when {@code name} is a non-empty run of name characters. */
  static boolean isName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isNameChar(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code value} without one pair of surrounding quotes, if it has them. */
  static String dequoteWhole(String value) {
    int n = value.length();
    if (n >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'') && value.charAt(n - 1) == first) {
        return value.substring(1, n - 1);
      }
    }
    return value;
  }
}
