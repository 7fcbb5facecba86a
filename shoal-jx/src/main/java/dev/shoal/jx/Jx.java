package dev.shoal.jx;

import java.util.Map;

/**
 * Entry point of the JX expression language: parse text into a {@link JxExpr}, evaluate it against
 * a context of named values.
 *
 * <pre>{@code
 * JxExpr e = Jx.parse("[format(\"out.%d\", i) for i in range(n)]", "example.jx");
 * JxValue v = Jx.eval(e, Map.of("n", JxValue.of(3)));   // ["out.0","out.1","out.2"]
 * }</pre>
 *
 * <p>All methods are pure and thread-safe.
 */
public final class Jx {
  private Jx() {}

  /**
   * Parses JX text (JSON plus symbols, operators, calls, comprehensions and {@code #} comments).
   *
   * @param fileName the name used in messages
   * @throws JxSyntaxException at the first syntax error, with file, line and a remedy
   */
  public static JxExpr parse(String text, String fileName) throws JxSyntaxException {
    return Parser.parse(text, fileName);
  }

  /**
   * Evaluates {@code expr} with the names of {@code context} in scope.
   *
   * @return the value, or the first {@link JxError} met (never throws for a JX-level error)
   */
  public static JxValue eval(JxExpr expr, Map<String, JxValue> context) {
    return Evaluator.eval(expr, Scope.of(context));
  }

  /**
   * Like {@link #eval}, but an error result is thrown.
   *
   * @param fileName the name used in the exception message
   * @throws JxEvalException when evaluation yields a {@link JxError}
   */
  public static JxValue evalOrThrow(JxExpr expr, Map<String, JxValue> context, String fileName)
      throws JxEvalException {
    JxValue v = eval(expr, context);
    if (v instanceof JxError e) {
      throw new JxEvalException(fileName, e);
    }
    return v;
  }

  /** Parses and evaluates {@code text}: convenient for one-off expressions and tests. */
  public static JxValue evaluate(String text, Map<String, JxValue> context)
      throws JxSyntaxException {
    return eval(parse(text, "<expression>"), context);
  }
}
