package dev.shoal.jx;

/** A JSON boolean. */
public record JxBoolean(boolean value) implements JxValue {
  public static final JxBoolean TRUE = new JxBoolean(true);
  public static final JxBoolean FALSE = new JxBoolean(false);

  @Override
  public String typeName() {
    return "boolean";
  }

  @Override
  public String toString() {
    return Boolean.toString(value);
  }
}
