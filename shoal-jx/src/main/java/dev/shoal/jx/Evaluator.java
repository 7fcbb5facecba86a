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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates {@link JxExpr} trees. Never throws for a misapplied operator or function: it returns a
 * {@link JxError}, and the first error met anywhere becomes the result of the whole evaluation.
 * Stateless and thread-safe.
 */
final class Evaluator {
  private Evaluator() {}

  static JxValue eval(JxExpr expr, Scope scope) {
    return switch (expr) {
      case Literal l -> l.value();
      case Symbol s -> symbol(s, scope);
      case ArrayExpr a -> array(a, scope);
      case Comprehension c -> {
        List<JxValue> out = new ArrayList<>();
        JxError err = comprehension(c, 0, scope, out);
        yield err != null ? err : new JxArray(out);
      }
      case ObjectExpr o -> object(o, scope);
      case Unary u -> Operators.unary(u.op(), eval(u.operand(), scope), u.line());
      case Binary b -> binary(b, scope);
      case Index i -> Operators.index(eval(i.target(), scope), eval(i.index(), scope), i.line());
      case Slice s -> slice(s, scope);
      case Call c -> Builtins.call(c, scope);
    };
  }

  /** The value of {@code expr}, which must be a boolean: otherwise an error naming {@code what}. */
  static JxValue condition(JxExpr expr, Scope scope, String what) {
    JxValue v = eval(expr, scope);
    if (v instanceof JxError || v instanceof JxBoolean) {
      return v;
    }
    return new JxError(
        "invalid arguments",
        what
            + " must be true or false, got "
            + v.typeName()
            + " "
            + Json.brief(v)
            + " — write a comparison such as x > 0",
        expr.line());
  }

  private static JxValue symbol(Symbol s, Scope scope) {
    JxValue v = scope.lookup(s.name());
    if (v != null) {
      return v;
    }
    return new JxError(
        "undefined symbol",
        "undefined symbol '"
            + s.name()
            + "' — define it (in \"define\", a --jx-args file or"
            + " --jx-define "
            + s.name()
            + "=VALUE), or quote it if you meant the string \""
            + s.name()
            + "\"",
        s.line());
  }

  private static JxValue array(ArrayExpr a, Scope scope) {
    List<JxValue> out = new ArrayList<>(a.items().size());
    for (JxExpr item : a.items()) {
      if (item instanceof Comprehension c) {
        JxError err = comprehension(c, 0, scope, out);
        if (err != null) {
          return err;
        }
      } else {
        JxValue v = eval(item, scope);
        if (v instanceof JxError) {
          return v;
        }
        out.add(v);
      }
    }
    return new JxArray(out);
  }

  /** Runs clause {@code k} and the ones after it, appending body values to {@code out}. */
  private static JxError comprehension(Comprehension c, int k, Scope scope, List<JxValue> out) {
    if (k == c.clauses().size()) {
      JxValue v = eval(c.body(), scope);
      if (v instanceof JxError e) {
        return e;
      }
      out.add(v);
      return null;
    }
    ForClause f = c.clauses().get(k);
    JxValue list = eval(f.list(), scope);
    if (list instanceof JxError e) {
      return e;
    }
    if (!(list instanceof JxArray arr)) {
      return new JxError(
          "invalid arguments",
          "'for "
              + f.variable()
              + " in' needs an array, got "
              + list.typeName()
              + " — iterate over range(N), a list, or keys(obj) / values(obj) / items(obj)",
          f.line());
    }
    for (JxValue item : arr.items()) {
      Scope inner = scope.with(f.variable(), item);
      if (f.condition() != null) {
        JxValue ok = condition(f.condition(), inner, "the 'if' condition of a comprehension");
        if (ok instanceof JxError e) {
          return e;
        }
        if (!((JxBoolean) ok).value()) {
          continue;
        }
      }
      JxError err = comprehension(c, k + 1, inner, out);
      if (err != null) {
        return err;
      }
    }
    return null;
  }

  private static JxValue object(ObjectExpr o, Scope scope) {
    Map<String, JxValue> out = new LinkedHashMap<>();
    for (Entry e : o.entries()) {
      JxValue k = eval(e.key(), scope);
      if (k instanceof JxError) {
        return k;
      }
      if (!(k instanceof JxString(String key))) {
        return new JxError(
            "invalid arguments",
            "object key must be a string, got "
                + k.typeName()
                + " "
                + Json.brief(k)
                + " — quote the key or build it with format()",
            e.key().line());
      }
      JxValue v = eval(e.value(), scope);
      if (v instanceof JxError) {
        return v;
      }
      out.put(key, v);
    }
    return new JxObject(out);
  }

  private static JxValue binary(Binary b, Scope scope) {
    JxValue left = eval(b.left(), scope);
    if (left instanceof JxError) {
      return left;
    }
    if (b.op() == BinaryOp.AND || b.op() == BinaryOp.OR) {
      // Short-circuit: the right side is not evaluated when the left decides.
      if (!(left instanceof JxBoolean(boolean l))) {
        return Operators.needBoolean(b.op().text(), left, b.line());
      }
      if (l == (b.op() == BinaryOp.OR)) {
        return left;
      }
      JxValue right = eval(b.right(), scope);
      if (right instanceof JxError || right instanceof JxBoolean) {
        return right;
      }
      return Operators.needBoolean(b.op().text(), right, b.line());
    }
    return Operators.binary(b.op(), left, eval(b.right(), scope), b.line());
  }

  private static JxValue slice(Slice s, Scope scope) {
    JxValue target = eval(s.target(), scope);
    JxValue from = s.from() == null ? null : eval(s.from(), scope);
    JxValue to = s.to() == null ? null : eval(s.to(), scope);
    return Operators.slice(target, from, to, s.line());
  }
}
