package dev.shoal.jx;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers: evaluate JX text in a small fixed context, compare results as compact JSON. */
final class JxTesting {
  private JxTesting() {}

  /** The context of the JX reference examples, plus a few more names. */
  static Map<String, JxValue> context() {
    try {
      Map<String, JxValue> ctx = new LinkedHashMap<>();
      JxObject o =
          (JxObject)
              Json.parse(
                  "{\"x\": 10, \"y\": 20, \"f\": 0.5, \"a\": true, \"b\": false, \"s\": \"abc\","
                      + " \"list\": [100, 200, 300], \"obj\": {\"house\": \"home\", \"n\": 2},"
                      + " \"ID\": 10, \"N\": 48}",
                  "ctx");
      ctx.putAll(o.fields());
      return ctx;
    } catch (JxSyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** Compact JSON of the value of {@code text}. */
  static String eval(String text) {
    try {
      return Json.write(Jx.evaluate(text, context()));
    } catch (JxSyntaxException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** The error {@code text} evaluates to (fails if it is not an error). */
  static JxError error(String text) {
    try {
      return assertInstanceOf(JxError.class, Jx.evaluate(text, context()), text);
    } catch (JxSyntaxException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
