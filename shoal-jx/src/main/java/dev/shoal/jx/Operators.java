package dev.shoal.jx;

import dev.shoal.jx.JxExpr.BinaryOp;
import dev.shoal.jx.JxExpr.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * The meaning of JX operators on values. Integer arithmetic stays integral (division truncates
 * toward zero, as in C); mixing an integer with a double gives a double. An {@link JxError} operand
 * is returned unchanged.
 */
final class Operators {
  private Operators() {}

  static JxValue unary(UnaryOp op, JxValue v, int line) {
    if (v instanceof JxError) {
      return v;
    }
    return switch (op) {
      case NEG ->
          switch (v) {
            case JxInteger(long n) when n != Long.MIN_VALUE -> new JxInteger(-n);
            case JxDouble(double d) -> new JxDouble(-d);
            default -> unsupported("-", v, line, "negate only numbers");
          };
      case POS ->
          (v instanceof JxInteger || v instanceof JxDouble || v instanceof JxString)
              ? v
              : unsupported("+", v, line, "apply unary + only to numbers and strings");
      case NOT -> v instanceof JxBoolean(boolean b) ? JxValue.of(!b) : needBoolean("not", v, line);
    };
  }

  static JxValue binary(BinaryOp op, JxValue l, JxValue r, int line) {
    if (l instanceof JxError) {
      return l;
    }
    if (r instanceof JxError) {
      return r;
    }
    return switch (op) {
      case EQ -> JxValue.of(equal(l, r));
      case NE -> JxValue.of(!equal(l, r));
      case LT, LE, GT, GE -> compare(op, l, r, line);
      case ADD -> add(l, r, line);
      case SUB, MUL, DIV, MOD -> arithmetic(op, l, r, line);
      case AND, OR ->
          l instanceof JxBoolean(boolean a) && r instanceof JxBoolean(boolean b)
              ? JxValue.of(op == BinaryOp.AND ? a && b : a || b)
              : needBoolean(op.text(), l instanceof JxBoolean ? r : l, line);
    };
  }

  /** JX equality: numbers compare by value, arrays and objects recursively, other types never. */
  static boolean equal(JxValue l, JxValue r) {
    if (isNumber(l) && isNumber(r)) {
      if (l instanceof JxInteger(long a) && r instanceof JxInteger(long b)) {
        return a == b;
      }
      return toDouble(l) == toDouble(r);
    }
    if (l instanceof JxArray(List<JxValue> a) && r instanceof JxArray(List<JxValue> b)) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (l instanceof JxObject a && r instanceof JxObject b) {
      if (a.fields().size() != b.fields().size()) {
        return false;
      }
      for (var e : a.fields().entrySet()) {
        JxValue other = b.get(e.getKey());
        if (other == null || !equal(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return l.equals(r);
  }

  private static JxValue compare(BinaryOp op, JxValue l, JxValue r, int line) {
    int c;
    if (l instanceof JxInteger(long a) && r instanceof JxInteger(long b)) {
      c = Long.compare(a, b);
    } else if (isNumber(l) && isNumber(r)) {
      c = Double.compare(toDouble(l), toDouble(r));
    } else if (l instanceof JxString(String a) && r instanceof JxString(String b)) {
      c = a.compareTo(b);
    } else {
      return mismatched(op.text(), l, r, line, "compare two numbers or two strings");
    }
    boolean result =
        switch (op) {
          case LT -> c < 0;
          case LE -> c <= 0;
          case GT -> c > 0;
          default -> c >= 0;
        };
    return JxValue.of(result);
  }

  private static JxValue add(JxValue l, JxValue r, int line) {
    if (l instanceof JxString(String a) && r instanceof JxString(String b)) {
      return new JxString(a + b);
    }
    if (l instanceof JxArray(List<JxValue> a) && r instanceof JxArray(List<JxValue> b)) {
      List<JxValue> out = new ArrayList<>(a.size() + b.size());
      out.addAll(a);
      out.addAll(b);
      return new JxArray(out);
    }
    if (isNumber(l) && isNumber(r)) {
      return arithmetic(BinaryOp.ADD, l, r, line);
    }
    // As in cctools since 2018: a string plus an atomic value concatenates its text ("out." + 3).
    if ((l instanceof JxString && isAtomic(r)) || (r instanceof JxString && isAtomic(l))) {
      return new JxString(text(l) + text(r));
    }
    return mismatched(
        "+",
        l,
        r,
        line,
        "add two numbers, join two arrays, or join a string with a string or number");
  }

  private static JxValue arithmetic(BinaryOp op, JxValue l, JxValue r, int line) {
    if (!isNumber(l) || !isNumber(r)) {
      return mismatched(op.text(), l, r, line, "use numbers on both sides");
    }
    if (l instanceof JxInteger(long a) && r instanceof JxInteger(long b)) {
      if ((op == BinaryOp.DIV || op == BinaryOp.MOD) && b == 0) {
        return divisionByZero(op, l, line);
      }
      try {
        return new JxInteger(
            switch (op) {
              case ADD -> Math.addExact(a, b);
              case SUB -> Math.subtractExact(a, b);
              case MUL -> Math.multiplyExact(a, b);
              case DIV -> a == Long.MIN_VALUE && b == -1 ? Math.negateExact(a) : a / b;
              default -> a % b;
            });
      } catch (ArithmeticException e) {
        return new JxError(
            "arithmetic error",
            "integer overflow in "
                + a
                + " "
                + op.text()
                + " "
                + b
                + " — use a double (e.g. 1.0 * x) for numbers this large",
            line);
      }
    }
    double a = toDouble(l);
    double b = toDouble(r);
    if ((op == BinaryOp.DIV || op == BinaryOp.MOD) && b == 0.0) {
      return divisionByZero(op, l, line);
    }
    return new JxDouble(
        switch (op) {
          case ADD -> a + b;
          case SUB -> a - b;
          case MUL -> a * b;
          case DIV -> a / b;
          default -> a % b;
        });
  }

  /** {@code target[index]}: array position (negative counts from the end) or object key. */
  static JxValue index(JxValue target, JxValue index, int line) {
    if (target instanceof JxError) {
      return target;
    }
    if (index instanceof JxError) {
      return index;
    }
    if (target instanceof JxArray(List<JxValue> items) && index instanceof JxInteger(long i)) {
      long at = i < 0 ? i + items.size() : i;
      if (at < 0 || at >= items.size()) {
        return new JxError(
            "range error",
            "index "
                + i
                + " is outside an array of "
                + items.size()
                + " items — use an index from "
                + (-items.size())
                + " to "
                + (items.size() - 1),
            line);
      }
      return items.get((int) at);
    }
    if (target instanceof JxObject o && index instanceof JxString(String key)) {
      JxValue v = o.get(key);
      if (v == null) {
        return new JxError(
            "key not found", "key \"" + key + "\" not found — the object has " + keyList(o), line);
      }
      return v;
    }
    return new JxError(
        "mismatched types",
        "cannot index "
            + target.typeName()
            + " with "
            + index.typeName()
            + " "
            + Json.brief(index)
            + " — index arrays with integers and objects with strings",
        line);
  }

  /** {@code target[from:to]} on an array or string, with Python's clamping of the bounds. */
  static JxValue slice(JxValue target, JxValue from, JxValue to, int line) {
    for (JxValue v : new JxValue[] {target, from, to}) {
      if (v instanceof JxError) {
        return v;
      }
    }
    int size;
    if (target instanceof JxArray a) {
      size = a.size();
    } else if (target instanceof JxString(String s)) {
      size = s.length();
    } else {
      return new JxError(
          "mismatched types",
          "cannot slice " + target.typeName() + " — slice only arrays and strings",
          line);
    }
    for (JxValue v : new JxValue[] {from, to}) {
      if (v != null && !(v instanceof JxInteger)) {
        return new JxError(
            "mismatched types",
            "slice bound must be an integer, got "
                + v.typeName()
                + " "
                + Json.brief(v)
                + " — use floor() or ceil() to make one",
            line);
      }
    }
    int start = bound(from, 0, size);
    int end = Math.max(start, bound(to, size, size));
    return target instanceof JxArray a
        ? new JxArray(a.items().subList(start, end))
        : new JxString(((JxString) target).value().substring(start, end));
  }

  private static int bound(JxValue v, int dflt, int size) {
    if (v == null) {
      return dflt;
    }
    long i = ((JxInteger) v).value();
    if (i < 0) {
      i += size;
    }
    return (int) Math.max(0, Math.min(size, i));
  }

  static JxValue needBoolean(String op, JxValue v, int line) {
    return new JxError(
        "unsupported operator",
        "'"
            + op
            + "' needs true or false, got "
            + v.typeName()
            + " "
            + Json.brief(v)
            + " — JX does not treat numbers or strings as truth values; compare them (x != 0)",
        line);
  }

  private static JxError unsupported(String op, JxValue v, int line, String remedy) {
    return new JxError(
        "unsupported operator",
        "operator '"
            + op
            + "' cannot be applied to "
            + v.typeName()
            + " "
            + Json.brief(v)
            + " — "
            + remedy,
        line);
  }

  private static JxError mismatched(String op, JxValue l, JxValue r, int line, String remedy) {
    return new JxError(
        "mismatched types",
        "mismatched types for '"
            + op
            + "': "
            + l.typeName()
            + " "
            + Json.brief(l)
            + " "
            + op
            + " "
            + r.typeName()
            + " "
            + Json.brief(r)
            + " — "
            + remedy,
        line);
  }

  private static JxError divisionByZero(BinaryOp op, JxValue l, int line) {
    return new JxError(
        "division by zero",
        "division by zero in "
            + Json.brief(l)
            + " "
            + op.text()
            + " 0 — check the divisor before dividing",
        line);
  }

  private static String keyList(JxObject o) {
    if (o.fields().isEmpty()) {
      return "no keys";
    }
    return "keys " + String.join(", ", o.fields().keySet());
  }

  private static boolean isAtomic(JxValue v) {
    return v instanceof JxNull || v instanceof JxBoolean || isNumber(v);
  }

  private static String text(JxValue v) {
    return v instanceof JxString(String s) ? s : Json.write(v);
  }

  static boolean isNumber(JxValue v) {
    return v instanceof JxInteger || v instanceof JxDouble;
  }

  static double toDouble(JxValue v) {
    return switch (v) {
      case JxInteger(long n) -> n;
      case JxDouble(double d) -> d;
      default -> throw new IllegalArgumentException("not a number: " + v.typeName());
    };
  }
}
