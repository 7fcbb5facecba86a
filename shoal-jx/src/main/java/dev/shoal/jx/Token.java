package dev.shoal.jx;

/**
 * One lexical token of JX text.
 *
 * @param text the token as written (for {@link Kind#STRING}: the decoded content)
 * @param line 1-based line where the token starts
 */
record Token(Kind kind, String text, int line) {

  enum Kind {
    LBRACE,
    RBRACE,
    LBRACKET,
    RBRACKET,
    LPAREN,
    RPAREN,
    COMMA,
    COLON,
    DOT,
    PLUS,
    MINUS,
    STAR,
    SLASH,
    PERCENT,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    INTEGER,
    DOUBLE,
    STRING,
    NAME,
    EOF
  }

  /** How the token reads in a message. */
  String describe() {
    return switch (kind) {
      case EOF -> "end of input";
      case STRING -> "string " + Json.write(new JxString(text));
      default -> "'" + text + "'";
    };
  }
}
