package dev.shoal.wq.catalog;

import dev.shoal.jx.Jx;
import dev.shoal.jx.JxBoolean;
import dev.shoal.jx.JxExpr;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A JX boolean expression over a record's fields, such as {@code type=="wq_master" and
 * project=="x"}. A record matches when the expression yields {@code true}; {@code false}, any other
 * value or an error (a missing field, say) leaves it out. Immutable and thread-safe.
 */
final class QueryFilter {
  private final JxExpr expr;

  private QueryFilter(JxExpr expr) {
    this.expr = expr;
  }

  /**
   * Parses a JX expression.
   *
   * @throws IllegalArgumentException with the syntax error
   */
  static QueryFilter parse(String expression) {
    try {
      return new QueryFilter(Jx.parse(expression, "<query>"));
    } catch (JxSyntaxException e) {
      throw new IllegalArgumentException("bad query expression: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes the path segment of {@code /query/<base64>}: standard or URL-safe base64, padding
   * optional.
   *
   * @throws IllegalArgumentException when it is not base64 or not a JX expression
   */
  static QueryFilter fromBase64(String encoded) {
    String s = encoded.strip().replace('-', '+').replace('_', '/');
    while (s.length() % 4 != 0) {
      s += "=";
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("query '" + encoded + "' is not base64", e);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Encodes {@code expression} as cctools clients do in {@code /query/<base64>}. */
  static String toBase64(String expression) {
    return Base64.getEncoder().encodeToString(expression.getBytes(StandardCharsets.UTF_8));
  }

  boolean matches(JxObject record) {
    return Jx.eval(expr, record.fields()) instanceof JxBoolean(boolean b) && b;
  }
}
