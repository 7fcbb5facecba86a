package dev.shoal.jx;

import java.util.List;
import java.util.Objects;

/**
 * A parsed JX expression. Every node carries the 1-based line where it starts, for messages.
 *
 * <p>Nodes are immutable; evaluate them with {@link Jx#eval}.
 */
public sealed interface JxExpr {

  /** The 1-based source line where the expression starts. */
  int line();

  /** A constant: any JSON value, or an {@code Error{...}} literal. */
  record Literal(JxValue value, int line) implements JxExpr {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /** An unquoted name, looked up in the evaluation context. */
  record Symbol(String name, int line) implements JxExpr {
    public Symbol {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * An array constructor. An item that is a {@link Comprehension} contributes every value it
   * generates; any other item contributes one value.
   */
  record ArrayExpr(List<JxExpr> items, int line) implements JxExpr {
    public ArrayExpr {
      items = List.copyOf(items);
    }
  }

  /**
   * {@code body for v in list if cond for ...}: only valid as an item of an {@link ArrayExpr}.
   * Clauses run left to right, the later ones nested inside the earlier ones.
   */
  record Comprehension(JxExpr body, List<ForClause> clauses, int line) implements JxExpr {
    public Comprehension {
      Objects.requireNonNull(body, "body");
      clauses = List.copyOf(clauses);
      if (clauses.isEmpty()) {
        throw new IllegalArgumentException("a comprehension needs at least one for clause");
      }
    }
  }

  /**
   * One {@code for variable in list [if condition]} clause.
   *
   * @param condition the filter, or {@code null} when there is none
   */
  record ForClause(String variable, JxExpr list, JxExpr condition, int line) {
    public ForClause {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(list, "list");
    }
  }

  /** An object constructor; keys are expressions that must evaluate to strings. */
  record ObjectExpr(List<Entry> entries, int line) implements JxExpr {
    public ObjectExpr {
      entries = List.copyOf(entries);
    }

    /** The value expression of the first entry whose key is the string literal {@code key}. */
    public JxExpr find(String key) {
      for (Entry e : entries) {
        if (e.key() instanceof Literal(JxString(String k), int ignored) && k.equals(key)) {
          return e.value();
        }
      }
      return null;
    }
  }

  /** One {@code key: value} of an {@link ObjectExpr}. */
  record Entry(JxExpr key, JxExpr value) {
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code -a}, {@code +a}, {@code not a}. */
  record Unary(UnaryOp op, JxExpr operand, int line) implements JxExpr {
    public Unary {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** {@code a OP b}. {@code and}/{@code or} evaluate their right side only when needed. */
  record Binary(BinaryOp op, JxExpr left, JxExpr right, int line) implements JxExpr {
    public Binary {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /** {@code target[index]}: array position (negative from the end) or object key. */
  record Index(JxExpr target, JxExpr index, int line) implements JxExpr {
    public Index {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(index, "index");
    }
  }

  /** {@code target[from:to]}; either bound may be {@code null} (start or end of the array). */
  record Slice(JxExpr target, JxExpr from, JxExpr to, int line) implements JxExpr {
    public Slice {
      Objects.requireNonNull(target, "target");
    }
  }

  /** {@code f(a, b)}; {@code a.f(b)} parses to the same node. */
  record Call(String function, List<JxExpr> args, int line) implements JxExpr {
    public Call {
      Objects.requireNonNull(function, "function");
      args = List.copyOf(args);
    }
  }

  /** Prefix operators. */
  enum UnaryOp {
    NEG("-"),
    POS("+"),
    NOT("not");

    private final String text;

    UnaryOp(String text) {
      this.text = text;
    }

    /** The operator as written. */
    public String text() {
      return text;
    }
  }

  /** Infix operators, in the order of the JX reference. */
  enum BinaryOp {
    MUL("*"),
    DIV("/"),
    MOD("%"),
    ADD("+"),
    SUB("-"),
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    AND("and"),
    OR("or");

    private final String text;

    BinaryOp(String text) {
      this.text = text;
    }

    /** The operator as written. */
    public String text() {
      return text;
    }
  }
}
