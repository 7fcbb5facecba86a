package dev.shoal.jx;

import dev.shoal.jx.JxExpr.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table of JX functions. Most functions are eager (their arguments are evaluated first, and an
 * error argument is returned as the result); {@code select}, {@code where}, {@code project} and
 * {@code template} see their argument expressions and the scope.
 */
final class Builtins {
  private Builtins() {}

  /** A function given its call node and the caller's scope. */
  interface Builtin {
    JxValue call(Call call, Scope scope);
  }

  /** A function of evaluated arguments, none of them an error. */
  interface Eager {
    JxValue apply(List<JxValue> args, int line);
  }

  private static final Map<String, Builtin> TABLE = table();

  private static Map<String, Builtin> table() {
    Map<String, Builtin> t = new TreeMap<>();
    t.put("range", eager(CoreFunctions::range));
    t.put("len", eager(CoreFunctions::len));
    t.put("keys", eager(CoreFunctions::keys));
    t.put("values", eager(CoreFunctions::values));
    t.put("items", eager(CoreFunctions::items));
    t.put("ceil", eager(CoreFunctions::ceil));
    t.put("floor", eager(CoreFunctions::floor));
    t.put("schema", eager(CoreFunctions::schema));
    t.put("format", eager(Printf::format));
    t.put("join", eager(TextFunctions::join));
    t.put("basename", eager(TextFunctions::basename));
    t.put("dirname", eager(TextFunctions::dirname));
    t.put("escape", eager(TextFunctions::escape));
    t.put("like", eager(TextFunctions::like));
    t.put("template", TextFunctions::template);
    t.put("select", QueryFunctions::select);
    t.put("where", QueryFunctions::select);
    t.put("project", QueryFunctions::project);
    t.put("listdir", Builtins::external);
    t.put("fetch", Builtins::external);
    return Map.copyOf(t);
  }

  static JxValue call(Call call, Scope scope) {
    Builtin f = TABLE.get(call.function());
    if (f == null) {
      return new JxError(
          "undefined symbol",
          "unknown function '"
              + call.function()
              + "' — the JX functions are "
              + String.join(", ", new TreeMap<>(TABLE).keySet()),
          call.line());
    }
    return f.call(call, scope);
  }

  /** Evaluates every argument left to right, then applies {@code f}, unless one is an error. */
  static Builtin eager(Eager f) {
    return (call, scope) -> {
      List<JxValue> args = new ArrayList<>(call.args().size());
      for (JxExpr a : call.args()) {
        JxValue v = Evaluator.eval(a, scope);
        if (v instanceof JxError) {
          return v;
        }
        args.add(v);
      }
      return f.apply(args, call.line());
    };
  }

  private static JxValue external(Call call, Scope scope) {
    return new JxError(
        "disabled function",
        call.function()
            + "() reads data from outside the workflow and is disabled in Shoal"
            + " — list the values in \"define\" or pass them in a --jx-args file",
        call.line());
  }

  /** An {@code invalid arguments} error for function {@code fn}. */
  static JxError invalid(String fn, String problem, int line) {
    return new JxError("invalid arguments", fn + "(): " + problem, line);
  }

  /** Checks the argument count; returns an error or {@code null}. */
  static JxError arity(String fn, List<?> args, int min, int max, String usage, int line) {
    if (args.size() < min || args.size() > max) {
      return invalid(
          fn,
          "takes "
              + (min == max ? "" + min : min + " to " + max)
              + " argument"
              + (max == 1 ? "" : "s")
              + ", got "
              + args.size()
              + " — call it as "
              + usage,
          line);
    }
    return null;
  }
}
