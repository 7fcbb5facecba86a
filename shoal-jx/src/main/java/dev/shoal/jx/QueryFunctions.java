package dev.shoal.jx;

import dev.shoal.jx.JxExpr.Call;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code select}/{@code where} and {@code project}: the second argument is evaluated once per item
 * of the array, with the item's fields as names in scope (shadowing outer ones).
 */
final class QueryFunctions {
  private QueryFunctions() {}

  /** {@code select(array, condition)}: the items for which the condition is true. */
  static JxValue select(Call call, Scope scope) {
    return query(call, scope, true);
  }

  /** {@code project(array, expression)}: the expression's value for each item. */
  static JxValue project(Call call, Scope scope) {
    return query(call, scope, false);
  }

  private static JxValue query(Call call, Scope scope, boolean filter) {
    String fn = call.function();
    int line = call.line();
    JxError bad =
        Builtins.arity(
            fn,
            call.args(),
            2,
            2,
            fn + "(array, " + (filter ? "condition" : "expression") + ")",
            line);
    if (bad != null) {
      return bad;
    }
    JxValue target = Evaluator.eval(call.args().get(0), scope);
    if (target instanceof JxError) {
      return target;
    }
    if (!(target instanceof JxArray arr)) {
      return CoreFunctions.notA(fn, "an array of objects", target, line);
    }
    JxExpr body = call.args().get(1);
    List<JxValue> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      if (!(arr.get(i) instanceof JxObject item)) {
        return Builtins.invalid(
            fn,
            "item "
                + i
                + " is "
                + arr.get(i).typeName()
                + ", not an object — "
                + fn
                + "() works on arrays of objects; use a comprehension for other arrays",
            line);
      }
      Scope inner = scope.with(item.fields());
      JxValue v =
          filter
              ? Evaluator.condition(body, inner, fn + "()'s condition")
              : Evaluator.eval(body, inner);
      if (v instanceof JxError) {
        return v;
      }
      if (!filter) {
        out.add(v);
      } else if (((JxBoolean) v).value()) {
        out.add(item);
      }
    }
    return new JxArray(out);
  }
}
