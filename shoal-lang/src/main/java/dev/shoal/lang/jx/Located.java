package dev.shoal.lang.jx;

import dev.shoal.jx.JxExpr;
import dev.shoal.jx.JxValue;

/**
 * An evaluated value with where it came from.
 *
 * @param line the line of the expression that produced it
 * @param source that expression, or {@code null} when not known; when it is an object constructor
 *     the lines of its members can be found (see {@link #lineOf})
 */
record Located(JxValue value, int line, JxExpr source) {

  /** The line of member {@code key} when the source shows it, else this value's line. */
  int lineOf(String key) {
    if (source instanceof JxExpr.ObjectExpr o) {
      JxExpr member = o.find(key);
      if (member != null) {
        return member.line();
      }
    }
    return line;
  }

  /** Member {@code key} of this object value, located as precisely as the source allows. */
  Located member(String key, JxValue memberValue) {
    JxExpr sub = source instanceof JxExpr.ObjectExpr o ? o.find(key) : null;
    return new Located(memberValue, sub != null ? sub.line() : line, sub);
  }
}
