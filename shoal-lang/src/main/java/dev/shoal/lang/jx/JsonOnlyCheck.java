package dev.shoal.lang.jx;

import dev.shoal.jx.JxError;
import dev.shoal.jx.JxExpr;

/**
 * Finds JX-only syntax in a document read as plain JSON (without {@code --jx}): symbols, operators,
 * calls and comprehensions, which would otherwise be silently mis-read.
 */
final class JsonOnlyCheck {
  private JsonOnlyCheck() {}

  /** Reports each JX construct in {@code e}, stopping after {@code limit} reports. */
  static void check(JxExpr e, String file, Problems problems, int limit) {
    if (problems.count() >= limit) {
      return;
    }
    switch (e) {
      case JxExpr.Literal l -> {
        if (l.value() instanceof JxError) {
          report("an Error{...} value", l.line(), file, problems);
        }
      }
      case JxExpr.ArrayExpr a -> a.items().forEach(i -> check(i, file, problems, limit));
      case JxExpr.ObjectExpr o ->
          o.entries()
              .forEach(
                  en -> {
                    if (!(en.key() instanceof JxExpr.Literal)) {
                      report("a computed key", en.key().line(), file, problems);
                    }
                    check(en.value(), file, problems, limit);
                  });
      case JxExpr.Symbol s -> report("the symbol '" + s.name() + "'", s.line(), file, problems);
      case JxExpr.Comprehension c -> report("a list comprehension", c.line(), file, problems);
      case JxExpr.Unary u -> report("operator '" + u.op().text() + "'", u.line(), file, problems);
      case JxExpr.Binary b -> report("operator '" + b.op().text() + "'", b.line(), file, problems);
      case JxExpr.Index i -> report("an index [...]", i.line(), file, problems);
      case JxExpr.Slice s -> report("a slice [..:..]", s.line(), file, problems);
      case JxExpr.Call c -> report("a call to " + c.function() + "()", c.line(), file, problems);
    }
  }

  private static void report(String what, int line, String file, Problems problems) {
    problems.add(
        file,
        line,
        what
            + " is JX, not plain JSON — run with --jx to evaluate expressions, or write the value"
            + " out");
  }
}
