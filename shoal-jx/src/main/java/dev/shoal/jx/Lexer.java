package dev.shoal.jx;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits JX text into {@link Token}s: JSON tokens, names, operators; {@code #} starts a comment
 * that runs to the end of the line. Pure function of its input.
 */
final class Lexer {
  private final String text;
  private final String fileName;
  private int pos;
  private int line = 1;

  private Lexer(String text, String fileName) {
    this.text = text;
    this.fileName = fileName;
  }

  /** All tokens of {@code text}, ending with one {@link Token.Kind#EOF}. */
  static List<Token> tokenize(String text, String fileName) throws JxSyntaxException {
    Lexer lx = new Lexer(text, fileName);
    List<Token> out = new ArrayList<>();
    Token t;
    do {
      t = lx.next();
      out.add(t);
    } while (t.kind() != Token.Kind.EOF);
    return out;
  }

  private Token next() throws JxSyntaxException {
    skipSpaceAndComments();
    if (pos >= text.length()) {
      return new Token(Token.Kind.EOF, "", line);
    }
    char c = text.charAt(pos);
    int start = pos;
    if (c == '"') {
      return new Token(Token.Kind.STRING, readString(), line);
    }
    if (isDigit(c)) {
      return readNumber();
    }
    if (Character.isLetter(c) || c == '_') {
      while (pos < text.length() && isNameChar(text.charAt(pos))) {
        pos++;
      }
      return new Token(Token.Kind.NAME, text.substring(start, pos), line);
    }
    pos++;
    char n = pos < text.length() ? text.charAt(pos) : '\0';
    return switch (c) {
      case '{' -> tok(Token.Kind.LBRACE, "{");
      case '}' -> tok(Token.Kind.RBRACE, "}");
      case '[' -> tok(Token.Kind.LBRACKET, "[");
      case ']' -> tok(Token.Kind.RBRACKET, "]");
      case '(' -> tok(Token.Kind.LPAREN, "(");
      case ')' -> tok(Token.Kind.RPAREN, ")");
      case ',' -> tok(Token.Kind.COMMA, ",");
      case ':' -> tok(Token.Kind.COLON, ":");
      case '.' -> tok(Token.Kind.DOT, ".");
      case '+' -> tok(Token.Kind.PLUS, "+");
      case '-' -> tok(Token.Kind.MINUS, "-");
      case '*' -> tok(Token.Kind.STAR, "*");
      case '/' -> tok(Token.Kind.SLASH, "/");
      case '%' -> tok(Token.Kind.PERCENT, "%");
      case '<' -> n == '=' ? two(Token.Kind.LE, "<=") : tok(Token.Kind.LT, "<");
      case '>' -> n == '=' ? two(Token.Kind.GE, ">=") : tok(Token.Kind.GT, ">");
      case '=' -> {
        if (n != '=') {
          throw error("'=' is not a JX operator — write '==' to compare, or ':' inside an object");
        }
        yield two(Token.Kind.EQ, "==");
      }
      case '!' -> {
        if (n != '=') {
          throw error("'!' is not a JX operator — write 'not' for negation or '!=' to compare");
        }
        yield two(Token.Kind.NE, "!=");
      }
      case '\'' -> throw error("strings are written in double quotes in JX — replace ' with \"");
      default ->
          throw error(
              "unexpected character '" + c + "' — remove it, or quote it inside a \"string\"");
    };
  }

  private Token tok(Token.Kind kind, String s) {
    return new Token(kind, s, line);
  }

  private Token two(Token.Kind kind, String s) {
    pos++;
    return new Token(kind, s, line);
  }

  private void skipSpaceAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private Token readNumber() throws JxSyntaxException {
    int start = pos;
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    boolean fraction = false;
    // A '.' not followed by a digit is method-call sugar, as in 3.format(...).
    if (pos + 1 < text.length() && text.charAt(pos) == '.' && isDigit(text.charAt(pos + 1))) {
      fraction = true;
      pos++;
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < text.length() && isDigit(text.charAt(pos))) {
        fraction = true;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    String s = text.substring(start, pos);
    if (!fraction) {
      try {
        Long.parseLong(s);
        return new Token(Token.Kind.INTEGER, s, line);
      } catch (NumberFormatException e) {
        // Too large for a long: keep the magnitude as a double, as JSON readers do.
      }
    }
    return new Token(Token.Kind.DOUBLE, s, line);
  }

  private String readString() throws JxSyntaxException {
    int startLine = line;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        line = startLine;
        throw error("string not closed — add the closing \" on this line");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\n') {
        line = startLine;
        throw error("string not closed before the end of the line — add the closing \"");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("string ends with a lone '\\' — write \\\\ for a backslash");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> sb.append(readHex4());
        default ->
            throw error(
                "unknown escape '\\"
                    + e
                    + "' in a string — use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
      }
    }
  }

  private char readHex4() throws JxSyntaxException {
    if (pos + 4 > text.length()) {
      throw error("\\u needs four hex digits — write e.g. \\u00e9");
    }
    try {
      char ch = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
      pos += 4;
      return ch;
    } catch (NumberFormatException ex) {
      throw error("\\u needs four hex digits — write e.g. \\u00e9");
    }
  }

  private JxSyntaxException error(String problem) {
    return new JxSyntaxException(fileName, line, problem);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
