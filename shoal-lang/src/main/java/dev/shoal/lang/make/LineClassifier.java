package dev.shoal.lang.make;

/**
 * Decides what a logical line is, from its first character and an unquoted look-ahead.
 *
 * <ul>
 *   <li>{@code #} first: a comment. TAB or space first: a command (empty commands are blank).
 *   <li>{@code @} first: dropped, the rest must be an assignment, {@code export} or a directive.
 *   <li>Otherwise, after removing a trailing comment: a first unquoted {@code :} before any {@code
 *       =} makes a rule header; else {@code export ...}, a directive ({@code .NAME ...}) or an
 *       assignment {@code NAME=value} / {@code NAME+=value}, spaces around the operator allowed.
 * </ul>
 */
final class LineClassifier {
  private LineClassifier() {}

  /**
   * Classifies {@code text}.
   *
   * @throws LineError for an unterminated quote, an assignment without a valid name, the
   *     unsupported operators {@code -=} and {@code !=}, or a line that is none of the above
   */
  static Line classify(String text) throws LineError {
    if (text.isEmpty() || text.charAt(0) == '#') {
      return Line.BLANK;
    }
    char first = text.charAt(0);
    if (first == ' ' || first == '\t') {
      String command = Quoting.stripComment(text).strip();
      return command.isEmpty() ? Line.BLANK : new Line.Command(command);
    }
    boolean at = first == '@';
    String line = Quoting.stripComment(at ? text.substring(1) : text).strip();
    if (line.isEmpty()) {
      return Line.BLANK;
    }
    int split = Quoting.indexOfUnquoted(line, ":=");
    if (!at && split >= 0 && line.charAt(split) == ':') {
      return new Line.Header(line.substring(0, split), line.substring(split + 1));
    }
    if (line.startsWith("export") && (line.length() == 6 || isBlank(line.charAt(6)))) {
      return new Line.Export(line.substring(6).strip());
    }
    if (line.charAt(0) == '.') {
      return new Line.Directive(line);
    }
    if (split >= 0 && line.charAt(split) == '=') {
      return assignment(line, split);
    }
    throw new LineError(
        "cannot read this line: '"
            + line
            + "' — a line is a rule (targets: sources), an assignment (NAME=value), export NAME,"
            + " a directive (.MAKEFLOW ...) or a command indented by a TAB below a rule");
  }

  /** Reads {@code NAME=value} where {@code line[eq]} is the first unquoted {@code =}. */
  static Line.Assignment assignment(String line, int eq) throws LineError {
    String left = line.substring(0, eq).stripTrailing();
    boolean append = false;
    if (!left.isEmpty()) {
      char op = left.charAt(left.length() - 1);
      if (op == '-' || op == '!') {
        throw new LineError(
            "operator " + op + "= is not supported — use = to assign or += to append");
      }
      if (op == '+') {
        append = true;
        left = left.substring(0, left.length() - 1).stripTrailing();
      }
    }
    if (left.isEmpty()) {
      throw new LineError("assignment without a variable name: '" + line + "' — write NAME=value");
    }
    if (!Quoting.isName(left)) {
      throw new LineError(
          "invalid variable name '"
              + left
              + "' — names use only letters, digits and _, for example OUT_DIR=results");
    }
    return new Line.Assignment(left, append, line.substring(eq + 1).strip());
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
