package dev.shoal.lang.make;

import java.util.function.UnaryOperator;

/**
 * Substitutes {@code $NAME}, {@code $(NAME)} and {@code ${NAME}} in a line of Makeflow text.
 *
 * <p>Quote characters are kept in the result. Inside single quotes nothing is substituted; inside
 * double quotes and outside quotes variables are. A {@code $} not followed by a name, {@code (} or
 * <code>{</code> is kept. How backslashes and substituted values are treated depends on the {@link
 * Mode}.
 *
 * <p>Stateless; the lookup decides scopes and returns {@code null} for undefined variables.
 */
final class Expander {
  /** How deep substituted values may themselves contain substitutions. */
  static final int MAX_DEPTH = 32;

  /** Where the text comes from. */
  enum Mode {
    /**
     * The value of an assignment: a backslash escapes the next character and is dropped; outside
     * single quotes {@code \n \t \a \b \f \r \v} become control characters. Substituted values are
     * inserted as they are.
     */
    VALUE,
    /**
     * A command: a backslash escapes the next character and is dropped ({@code \$} gives {@code $},
     * {@code \\} one backslash, {@code \#} a {@code #}); inside double quotes {@code \n \t ...}
     * become control characters. Substituted values are read again as command text, up to {@link
     * #MAX_DEPTH} levels deep.
     */
    COMMAND,
    /**
     * A rule header: backslash pairs are kept for {@link FileList}, which gives them their meaning;
     * an escaped {@code $} is not substituted. Substituted values are read again as header text.
     */
    FILES
  }

  private Expander() {}

  /**
   * Expands {@code text}.
   *
   * @throws LineError for an undefined variable, a malformed reference, an unterminated quote or a
   *     substitution nested more than {@link #MAX_DEPTH} levels deep
   */
  static String expand(String text, UnaryOperator<String> lookup, Mode mode) throws LineError {
    if (text.indexOf('$') < 0 && text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    expandInto(out, text, lookup, mode, 0);
    return out.toString();
  }

  private static void expandInto(
      StringBuilder out, String text, UnaryOperator<String> lookup, Mode mode, int depth)
      throws LineError {
    char quote = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\\') {
        i = escape(out, text, i, mode, quote);
      } else if (quote == '\'') {
        out.append(c);
        if (c == '\'') {
          quote = 0;
        }
        i++;
      } else if (c == '$') {
        i = substitute(out, text, i, lookup, mode, depth);
      } else {
        if (c == '"') {
          quote = quote == '"' ? 0 : '"';
        } else if (c == '\'' && quote == 0) {
          quote = '\'';
        }
        out.append(c);
        i++;
      }
    }
    if (quote != 0 && depth == 0) {
      throw Quoting.unterminated(quote);
    }
  }

  /** Appends the escape at {@code text[i]} (a backslash) and returns the index after it. */
  private static int escape(StringBuilder out, String text, int i, Mode mode, char quote) {
    if (i + 1 >= text.length()) {
      out.append('\\');
      return i + 1;
    }
    char next = text.charAt(i + 1);
    if (mode == Mode.FILES) {
      out.append('\\').append(next);
      return i + 2;
    }
    boolean controls = mode == Mode.VALUE ? quote != '\'' : quote == '"';
    char control = controls ? control(next) : 0;
    out.append(control != 0 ? control : next);
    return i + 2;
  }

  private static char control(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'a' -> '\u0007';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'r' -> '\r';
      case 'v' -> '\u000b';
      default -> 0;
    };
  }

  /** Appends the substitution at {@code text[i]} (a dollar) and returns the index after it. */
  private static int substitute(
      StringBuilder out, String text, int i, UnaryOperator<String> lookup, Mode mode, int depth)
      throws LineError {
    int n = text.length();
    int start = i + 1;
    if (start >= n) {
      out.append('$');
      return start;
    }
    char open = text.charAt(start);
    char close = open == '(' ? ')' : open == '{' ? '}' : 0;
    int nameStart = close == 0 ? start : start + 1;
    int nameEnd = nameStart;
    while (nameEnd < n && Quoting.isNameChar(text.charAt(nameEnd))) {
      nameEnd++;
    }
    if (close == 0 && nameEnd == nameStart) {
      out.append('$');
      return start;
    }
    if (close != 0 && (nameEnd == nameStart || nameEnd >= n || text.charAt(nameEnd) != close)) {
      throw new LineError(
          "$"
              + open
              + " is not followed by a variable name and "
              + close
              + " — write \\$"
              + open
              + " to pass it to the shell, or fix the reference");
    }
    String name = text.substring(nameStart, nameEnd);
    String value = lookup.apply(name);
    if (value == null) {
      throw new LineError(
          "variable "
              + name
              + " has not been defined — define it above this line, or export it in the"
              + " environment");
    }
    if (depth + 1 > MAX_DEPTH) {
      throw new LineError(
          "variable "
              + name
              + " expands more than "
              + MAX_DEPTH
              + " levels deep — a value refers to itself; write \\$ for a literal $");
    }
    if (mode == Mode.VALUE || (value.indexOf('$') < 0 && value.indexOf('\\') < 0)) {
      out.append(value);
    } else {
      expandInto(out, value, lookup, mode, depth + 1);
    }
    return close == 0 ? nameEnd : nameEnd + 1;
  }
}
