package dev.shoal.jx;

import dev.shoal.jx.JxExpr.ArrayExpr;
import dev.shoal.jx.JxExpr.Binary;
import dev.shoal.jx.JxExpr.BinaryOp;
import dev.shoal.jx.JxExpr.Call;
import dev.shoal.jx.JxExpr.Comprehension;
import dev.shoal.jx.JxExpr.Entry;
import dev.shoal.jx.JxExpr.ForClause;
import dev.shoal.jx.JxExpr.Index;
import dev.shoal.jx.JxExpr.Literal;
import dev.shoal.jx.JxExpr.ObjectExpr;
import dev.shoal.jx.JxExpr.Slice;
import dev.shoal.jx.JxExpr.Symbol;
import dev.shoal.jx.JxExpr.Unary;
import dev.shoal.jx.JxExpr.UnaryOp;
import dev.shoal.jx.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser of JX. Precedence, loosest first: {@code or}, {@code and}, {@code not},
 * comparisons, {@code + -}, {@code * / %}, prefix {@code - +}, then lookup / call / method-call
 * suffixes. Binary operators group left to right.
 *
 * <p>The JX reference lists negation above lookup; since negating an array or object is always an
 * error, {@code -a[0]} is read as {@code -(a[0])}, the only reading that can succeed.
 */
final class Parser {
  private static final Set<String> KEYWORDS =
      Set.of("true", "false", "null", "and", "or", "not", "for", "in", "if");
  private static final int MAX_DEPTH = 500;

  private final List<Token> tokens;
  private final String fileName;
  private int pos;
  private int depth;

  private Parser(List<Token> tokens, String fileName) {
    this.tokens = tokens;
    this.fileName = fileName;
  }

  static JxExpr parse(String text, String fileName) throws JxSyntaxException {
    Parser p = new Parser(Lexer.tokenize(text, fileName), fileName);
    JxExpr e = p.expression();
    Token t = p.peek();
    if (t.kind() != Kind.EOF) {
      throw p.error(
          t,
          "unexpected "
              + t.describe()
              + " after a complete expression"
              + " — join the parts with an operator or a ',' inside [ ] or { }");
    }
    return e;
  }

  private JxExpr expression() throws JxSyntaxException {
    if (++depth > MAX_DEPTH) {
      throw error(
          peek(), "expression nested more than " + MAX_DEPTH + " levels deep — split it up");
    }
    JxExpr e = or();
    depth--;
    return e;
  }

  private JxExpr or() throws JxSyntaxException {
    JxExpr left = and();
    while (isName(peek(), "or")) {
      Token op = advance();
      left = new Binary(BinaryOp.OR, left, and(), op.line());
    }
    return left;
  }

  private JxExpr and() throws JxSyntaxException {
    JxExpr left = not();
    while (isName(peek(), "and")) {
      Token op = advance();
      left = new Binary(BinaryOp.AND, left, not(), op.line());
    }
    return left;
  }

  private JxExpr not() throws JxSyntaxException {
    if (isName(peek(), "not")) {
      Token op = advance();
      return new Unary(UnaryOp.NOT, not(), op.line());
    }
    return comparison();
  }

  private JxExpr comparison() throws JxSyntaxException {
    JxExpr left = additive();
    while (true) {
      BinaryOp op =
          switch (peek().kind()) {
            case EQ -> BinaryOp.EQ;
            case NE -> BinaryOp.NE;
            case LT -> BinaryOp.LT;
            case LE -> BinaryOp.LE;
            case GT -> BinaryOp.GT;
            case GE -> BinaryOp.GE;
            default -> null;
          };
      if (op == null) {
        return left;
      }
      int line = advance().line();
      left = new Binary(op, left, additive(), line);
    }
  }

  private JxExpr additive() throws JxSyntaxException {
    JxExpr left = multiplicative();
    while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
      Token op = advance();
      BinaryOp b = op.kind() == Kind.PLUS ? BinaryOp.ADD : BinaryOp.SUB;
      left = new Binary(b, left, multiplicative(), op.line());
    }
    return left;
  }

  private JxExpr multiplicative() throws JxSyntaxException {
    JxExpr left = prefix();
    while (true) {
      BinaryOp op =
          switch (peek().kind()) {
            case STAR -> BinaryOp.MUL;
            case SLASH -> BinaryOp.DIV;
            case PERCENT -> BinaryOp.MOD;
            default -> null;
          };
      if (op == null) {
        return left;
      }
      int line = advance().line();
      left = new Binary(op, left, prefix(), line);
    }
  }

  private JxExpr prefix() throws JxSyntaxException {
    Token t = peek();
    if (t.kind() == Kind.MINUS || t.kind() == Kind.PLUS) {
      advance();
      JxExpr operand = prefix();
      if (t.kind() == Kind.MINUS && operand instanceof Literal lit) {
        // Fold negative constants so that -5 is a literal, as in JSON.
        if (lit.value() instanceof JxInteger(long n)) {
          return new Literal(new JxInteger(-n), t.line());
        }
        if (lit.value() instanceof JxDouble(double d)) {
          return new Literal(new JxDouble(-d), t.line());
        }
      }
      return new Unary(t.kind() == Kind.MINUS ? UnaryOp.NEG : UnaryOp.POS, operand, t.line());
    }
    return postfix();
  }

  private JxExpr postfix() throws JxSyntaxException {
    JxExpr e = primary();
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.LBRACKET) {
        advance();
        e = indexOrSlice(e, t.line());
      } else if (t.kind() == Kind.DOT) {
        advance();
        Token name = expect(Kind.NAME, "a function name after '.', as in list.len()");
        expect(Kind.LPAREN, "'(' after ." + name.text() + ", as in ." + name.text() + "()");
        List<JxExpr> args = new ArrayList<>();
        args.add(e);
        args.addAll(arguments());
        e = new Call(name.text(), args, name.line());
      } else {
        return e;
      }
    }
  }

  private JxExpr indexOrSlice(JxExpr target, int line) throws JxSyntaxException {
    JxExpr from = peek().kind() == Kind.COLON ? null : expression();
    if (peek().kind() == Kind.RBRACKET) {
      advance();
      if (from == null) {
        throw error(peek(), "empty index [] — put a position or key inside the brackets");
      }
      return new Index(target, from, line);
    }
    expect(Kind.COLON, "']' or ':' to close the index");
    JxExpr to = peek().kind() == Kind.RBRACKET ? null : expression();
    expect(Kind.RBRACKET, "']' to close the slice");
    return new Slice(target, from, to, line);
  }

  private List<JxExpr> arguments() throws JxSyntaxException {
    List<JxExpr> args = new ArrayList<>();
    if (peek().kind() == Kind.RPAREN) {
      advance();
      return args;
    }
    while (true) {
      args.add(expression());
      Token t = advance();
      if (t.kind() == Kind.RPAREN) {
        return args;
      }
      if (t.kind() != Kind.COMMA) {
        throw error(
            t,
            "expected ',' or ')' in the argument list, found "
                + t.describe()
                + " — separate arguments with ',' and close the call with ')'");
      }
    }
  }

  private JxExpr primary() throws JxSyntaxException {
    Token t = advance();
    return switch (t.kind()) {
      case INTEGER -> new Literal(new JxInteger(Long.parseLong(t.text())), t.line());
      case DOUBLE -> new Literal(new JxDouble(Double.parseDouble(t.text())), t.line());
      case STRING -> new Literal(new JxString(t.text()), t.line());
      case LPAREN -> {
        JxExpr e = expression();
        expect(Kind.RPAREN, "')' to close the '(' on line " + t.line());
        yield e;
      }
      case LBRACKET -> array(t.line());
      case LBRACE -> object(t.line());
      case NAME -> name(t);
      default ->
          throw error(
              t,
              "expected a value, found "
                  + t.describe()
                  + " — write a number, string, list, object, name or function call here");
    };
  }

  private JxExpr name(Token t) throws JxSyntaxException {
    String n = t.text();
    switch (n) {
      case "true":
        return new Literal(JxBoolean.TRUE, t.line());
      case "false":
        return new Literal(JxBoolean.FALSE, t.line());
      case "null":
        return new Literal(JxNull.INSTANCE, t.line());
      default:
        break;
    }
    if (KEYWORDS.contains(n)) {
      throw error(
          t,
          "'"
              + n
              + "' is a keyword and cannot be used as a value"
              + " — rename the variable or quote it as a string");
    }
    if (n.equals("Error") && peek().kind() == Kind.LBRACE) {
      return errorLiteral(advance());
    }
    if (peek().kind() == Kind.LPAREN) {
      advance();
      return new Call(n, arguments(), t.line());
    }
    return new Symbol(n, t.line());
  }

  private JxExpr errorLiteral(Token brace) throws JxSyntaxException {
    ObjectExpr body = (ObjectExpr) object(brace.line());
    String message = "error";
    if (body.find("message") instanceof Literal(JxString(String m), int ignored)) {
      message = m;
    }
    return new Literal(new JxError("user", message, brace.line()), brace.line());
  }

  private JxExpr array(int line) throws JxSyntaxException {
    List<JxExpr> items = new ArrayList<>();
    if (peek().kind() == Kind.RBRACKET) {
      advance();
      return new ArrayExpr(items, line);
    }
    while (true) {
      items.add(arrayItem());
      Token t = advance();
      if (t.kind() == Kind.RBRACKET) {
        return new ArrayExpr(items, line);
      }
      if (t.kind() != Kind.COMMA) {
        throw error(
            t,
            "expected ',' or ']' in the list opened on line "
                + line
                + ", found "
                + t.describe()
                + " — separate items with ',' and close the list with ']'");
      }
      if (peek().kind() == Kind.RBRACKET) {
        advance(); // a trailing comma is accepted, as in the cctools manual's examples
        return new ArrayExpr(items, line);
      }
    }
  }

  private JxExpr arrayItem() throws JxSyntaxException {
    JxExpr body = expression();
    List<ForClause> clauses = new ArrayList<>();
    while (isName(peek(), "for")) {
      Token f = advance();
      Token var = expect(Kind.NAME, "a variable name after 'for', as in [x for x in list]");
      if (KEYWORDS.contains(var.text())) {
        throw error(var, "'" + var.text() + "' is a keyword — pick another loop variable name");
      }
      Token in = advance();
      if (!isName(in, "in")) {
        throw error(
            in,
            "expected 'in' after 'for "
                + var.text()
                + "', found "
                + in.describe()
                + " — write for "
                + var.text()
                + " in LIST");
      }
      JxExpr list = expression();
      JxExpr cond = null;
      if (isName(peek(), "if")) {
        advance();
        cond = expression();
      }
      clauses.add(new ForClause(var.text(), list, cond, f.line()));
    }
    return clauses.isEmpty() ? body : new Comprehension(body, clauses, body.line());
  }

  private JxExpr object(int line) throws JxSyntaxException {
    List<Entry> entries = new ArrayList<>();
    if (peek().kind() == Kind.RBRACE) {
      advance();
      return new ObjectExpr(entries, line);
    }
    while (true) {
      JxExpr key = expression();
      expect(Kind.COLON, "':' between a key and its value");
      entries.add(new Entry(key, expression()));
      Token t = advance();
      if (t.kind() == Kind.RBRACE) {
        return new ObjectExpr(entries, line);
      }
      if (t.kind() != Kind.COMMA) {
        throw error(
            t,
            "expected ',' or '}' in the object opened on line "
                + line
                + ", found "
                + t.describe()
                + " — separate entries with ',' and close the object with '}'");
      }
      if (peek().kind() == Kind.RBRACE) {
        advance(); // a trailing comma is accepted, as in the cctools manual's examples
        return new ObjectExpr(entries, line);
      }
    }
  }

  private Token expect(Kind kind, String what) throws JxSyntaxException {
    Token t = advance();
    if (t.kind() != kind) {
      throw error(t, "expected " + what + ", found " + t.describe());
    }
    return t;
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token advance() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.EOF) {
      pos++;
    }
    return t;
  }

  private static boolean isName(Token t, String name) {
    return t.kind() == Kind.NAME && t.text().equals(name);
  }

  private JxSyntaxException error(Token at, String problem) {
    return new JxSyntaxException(fileName, at.line(), problem);
  }
}
