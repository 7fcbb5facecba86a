package dev.shoal.jx;

/** The JSON {@code null}. */
public record JxNull() implements JxValue {
  /** The one instance worth using. */
  public static final JxNull INSTANCE = new JxNull();

  @Override
  public String typeName() {
    return "null";
  }

  @Override
  public String toString() {
    return "null";
  }
}
