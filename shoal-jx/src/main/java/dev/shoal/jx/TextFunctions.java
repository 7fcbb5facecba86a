package dev.shoal.jx;

import dev.shoal.jx.JxExpr.Call;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code join basename dirname escape like template}: string functions. */
final class TextFunctions {
  private TextFunctions() {}

  /** {@code join(array[, delimiter])}: items joined by the delimiter (default one space). */
  static JxValue join(List<JxValue> args, int line) {
    JxError bad = Builtins.arity("join", args, 1, 2, "join(array[, delimiter])", line);
    if (bad != null) {
      return bad;
    }
    if (!(args.get(0) instanceof JxArray arr)) {
      return CoreFunctions.notA("join", "an array as first argument", args.get(0), line);
    }
    String delim = " ";
    if (args.size() == 2) {
      if (!(args.get(1) instanceof JxString(String d))) {
        return CoreFunctions.notA("join", "a string delimiter", args.get(1), line);
      }
      delim = d;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < arr.size(); i++) {
      String s = scalarText(arr.get(i));
      if (s == null) {
        return Builtins.invalid(
            "join",
            "item "
                + i
                + " is "
                + arr.get(i).typeName()
                + " "
                + Json.brief(arr.get(i))
                + " — join only strings and numbers",
            line);
      }
      if (i > 0) {
        sb.append(delim);
      }
      sb.append(s);
    }
    return new JxString(sb.toString());
  }

  /** {@code basename(path)}: the last component, trailing slashes ignored (POSIX basename). */
  static JxValue basename(List<JxValue> args, int line) {
    String p = onePath(args);
    if (p == null) {
      return CoreFunctions.notA(
          "basename", "one string", args.isEmpty() ? JxNull.INSTANCE : args.get(0), line);
    }
    String t = stripTrailingSlashes(p);
    if (t.isEmpty()) {
      return new JxString(p.isEmpty() ? "" : "/");
    }
    return new JxString(t.substring(t.lastIndexOf('/') + 1));
  }

  /** {@code dirname(path)}: everything before the last component (POSIX dirname). */
  static JxValue dirname(List<JxValue> args, int line) {
    String p = onePath(args);
    if (p == null) {
      return CoreFunctions.notA(
          "dirname", "one string", args.isEmpty() ? JxNull.INSTANCE : args.get(0), line);
    }
    String t = stripTrailingSlashes(p);
    if (t.isEmpty()) {
      return new JxString(p.isEmpty() ? "." : "/");
    }
    int slash = t.lastIndexOf('/');
    if (slash < 0) {
      return new JxString(".");
    }
    String d = stripTrailingSlashes(t.substring(0, slash));
    return new JxString(d.isEmpty() ? "/" : d);
  }

  /**
   * {@code escape(string)}: the string quoted for {@code /bin/sh}, in single quotes, each embedded
   * single quote written as {@code '\''}.
   */
  static JxValue escape(List<JxValue> args, int line) {
    String s = onePath(args);
    if (s == null) {
      return CoreFunctions.notA(
          "escape", "one string", args.isEmpty() ? JxNull.INSTANCE : args.get(0), line);
    }
    return new JxString("'" + s.replace("'", "'\\''") + "'");
  }

  /** {@code like(string, regex)}: true when the regex matches somewhere in the string. */
  static JxValue like(List<JxValue> args, int line) {
    JxError bad = Builtins.arity("like", args, 2, 2, "like(string, regex)", line);
    if (bad != null) {
      return bad;
    }
    if (!(args.get(0) instanceof JxString(String s))
        || !(args.get(1) instanceof JxString(String re))) {
      return Builtins.invalid(
          "like",
          "needs two strings, got " + args.get(0).typeName() + " and " + args.get(1).typeName(),
          line);
    }
    try {
      return JxValue.of(Pattern.compile(re).matcher(s).find());
    } catch (PatternSyntaxException e) {
      return Builtins.invalid(
          "like",
          "bad regular expression "
              + Json.brief(args.get(1))
              + ": "
              + e.getDescription()
              + " — fix the pattern",
          line);
    }
  }

  /**
   * {@code template(string[, object])}: each {@code {NAME}} replaced by NAME's value, looked up in
   * the object first and then in the scope; {@code {{} and {@code }}} stand for literal braces.
   */
  static JxValue template(Call call, Scope scope) {
    int line = call.line();
    List<JxValue> args = new java.util.ArrayList<>();
    for (JxExpr a : call.args()) {
      JxValue v = Evaluator.eval(a, scope);
      if (v instanceof JxError) {
        return v;
      }
      args.add(v);
    }
    JxError bad = Builtins.arity("template", args, 1, 2, "template(string[, object])", line);
    if (bad != null) {
      return bad;
    }
    if (!(args.get(0) instanceof JxString(String text))) {
      return CoreFunctions.notA("template", "a string as first argument", args.get(0), line);
    }
    Scope s = scope;
    if (args.size() == 2) {
      if (!(args.get(1) instanceof JxObject o)) {
        return CoreFunctions.notA("template", "an object as second argument", args.get(1), line);
      }
      s = scope.with(o.fields());
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
        sb.append(c);
        i += 2;
        continue;
      }
      if (c == '}') {
        return Builtins.invalid("template", "unmatched '}' — write }} for a literal brace", line);
      }
      if (c != '{') {
        sb.append(c);
        i++;
        continue;
      }
      int close = text.indexOf('}', i);
      if (close < 0) {
        return Builtins.invalid(
            "template", "'{' without a closing '}' — write {{ for a literal brace", line);
      }
      String name = text.substring(i + 1, close).trim();
      JxValue v = s.lookup(name);
      if (v == null) {
        return new JxError(
            "undefined symbol",
            "template(): {"
                + name
                + "} is not defined — pass it in the second argument, as in"
                + " template(\"...\", {\""
                + name
                + "\": value}), or define it",
            line);
      }
      String str = scalarText(v);
      if (str == null) {
        return Builtins.invalid(
            "template",
            "{"
                + name
                + "} is "
                + v.typeName()
                + " — only strings, numbers and"
                + " booleans can be put in a template; use join() for an array",
            line);
      }
      sb.append(str);
      i = close + 1;
    }
    return new JxString(sb.toString());
  }

  /** Text of a string, number or boolean; {@code null} for other types. */
  static String scalarText(JxValue v) {
    return switch (v) {
      case JxString(String s) -> s;
      case JxInteger i -> i.toString();
      case JxDouble d -> Json.write(d);
      case JxBoolean b -> b.toString();
      default -> null;
    };
  }

  /** The only argument when it is a string, else {@code null}. */
  private static String onePath(List<JxValue> args) {
    return args.size() == 1 && args.get(0) instanceof JxString(String s) ? s : null;
  }

  private static String stripTrailingSlashes(String p) {
    int end = p.length();
    while (end > 0 && p.charAt(end - 1) == '/') {
      end--;
    }
    return p.substring(0, end);
  }
}
