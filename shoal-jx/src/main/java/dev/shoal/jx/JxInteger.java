package dev.shoal.jx;

/** A JSON number without fraction or exponent that fits a {@code long}. */
public record JxInteger(long value) implements JxValue {

  @Override
  public String typeName() {
    return "integer";
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
