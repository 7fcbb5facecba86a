package dev.shoal.lang.jx;

import dev.shoal.jx.Jx;
import dev.shoal.jx.JxError;
import dev.shoal.jx.JxExpr;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the context a {@code --jx} workflow is evaluated in: the workflow's {@code define}, then
 * each {@code --jx-args} file, then each {@code --jx-define VAR=EXPR}, later ones overriding
 * earlier ones. Command-line values are evaluated first, in the order given, each seeing the ones
 * before it; then each {@code define} entry not overridden is evaluated in file order and sees the
 * command-line values and the entries above it.
 */
final class JxContext {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private JxContext() {}

  static Map<String, JxValue> build(
      JxExpr define,
      String file,
      List<Path> argsFiles,
      Map<String, String> defines,
      Problems problems) {
    Map<String, JxValue> ctx = new LinkedHashMap<>();
    for (Path args : argsFiles) {
      readArgsFile(args, ctx, problems);
    }
    for (Map.Entry<String, String> d : defines.entrySet()) {
      String where = "--jx-define " + d.getKey();
      if (!NAME.matcher(d.getKey()).matches()) {
        problems.add(
            where,
            0,
            "\""
                + d.getKey()
                + "\" is not a JX name — use letters, digits and"
                + " '_', starting with a letter, as in --jx-define N=10");
        continue;
      }
      JxValue v = evaluate(d.getValue(), where, ctx, problems);
      if (v != null) {
        ctx.put(d.getKey(), v);
      }
    }
    if (define != null) {
      addDefines(define, file, ctx, problems);
    }
    return ctx;
  }

  private static void addDefines(
      JxExpr define, String file, Map<String, JxValue> ctx, Problems problems) {
    if (define instanceof JxExpr.ObjectExpr o) {
      for (JxExpr.Entry e : o.entries()) {
        if (!(e.key() instanceof JxExpr.Literal(JxString(String key), int line))) {
          problems.add(file, e.key().line(), "a \"define\" name must be a quoted string");
          continue;
        }
        if (ctx.containsKey(key)) {
          continue; // set on the command line, which wins over the file
        }
        JxValue v = Jx.eval(e.value(), ctx);
        if (v instanceof JxError err) {
          problems.add(file, err.line(), err.message());
        } else {
          ctx.put(key, v);
        }
      }
      return;
    }
    JxValue v = Jx.eval(define, ctx);
    if (v instanceof JxError err) {
      problems.add(file, err.line(), err.message());
    } else if (v instanceof JxObject o) {
      o.fields().forEach(ctx::putIfAbsent);
    } else {
      problems.add(
          file,
          define.line(),
          "\"define\" must be an object of names to values, got "
              + JxFields.describe(v)
              + " — write \"define\": {\"N\": 10}");
    }
  }

  private static void readArgsFile(Path args, Map<String, JxValue> ctx, Problems problems) {
    String name = args.toString();
    String text;
    try {
      text = Files.readString(args);
    } catch (IOException e) {
      problems.add(
          name,
          0,
          "cannot read the --jx-args file ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ") — check the path and its permissions");
      return;
    }
    JxValue v = evaluate(text, name, ctx, problems);
    if (v == null) {
      return;
    }
    if (v instanceof JxObject o) {
      ctx.putAll(o.fields());
    } else {
      problems.add(
          name,
          1,
          "a --jx-args file must hold one object of names to values, got "
              + JxFields.describe(v)
              + " — write e.g. {\"N\": 10}");
    }
  }

  /** Parses and evaluates {@code text}; reports and returns {@code null} on failure. */
  private static JxValue evaluate(
      String text, String where, Map<String, JxValue> ctx, Problems problems) {
    JxExpr e;
    try {
      e = Jx.parse(text, where);
    } catch (JxSyntaxException ex) {
      problems.add(where, ex.line(), ex.problem());
      return null;
    }
    JxValue v = Jx.eval(e, ctx);
    if (v instanceof JxError err) {
      problems.add(where, err.line(), err.message());
      return null;
    }
    return v;
  }
}
