package dev.shoal.jx;

/**
 * A JSON value, or a JX {@link JxError}: the result of evaluating a JX expression.
 *
 * <p>Values are immutable and compare by content; an integer and a double are never {@code equals},
 * while the JX {@code ==} operator compares them numerically. Objects keep their keys in insertion
 * order.
 */
public sealed interface JxValue
    permits JxNull, JxBoolean, JxInteger, JxDouble, JxString, JxArray, JxObject, JxError {

  /** The JX type name, as used in messages and by {@code schema()}. */
  String typeName();

  /** True for {@link JxError}. */
  default boolean isError() {
    return this instanceof JxError;
  }

  /** The JSON null. */
  static JxValue nil() {
    return JxNull.INSTANCE;
  }

  static JxValue of(boolean b) {
    return b ? JxBoolean.TRUE : JxBoolean.FALSE;
  }

  static JxValue of(long n) {
    return new JxInteger(n);
  }

  static JxValue of(double d) {
    return new JxDouble(d);
  }

  static JxValue of(String s) {
    return new JxString(s);
  }
}
