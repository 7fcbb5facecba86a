package dev.shoal.jx;

/** A JSON number with a fraction or exponent (or too large for a {@code long}). */
public record JxDouble(double value) implements JxValue {

  @Override
  public String typeName() {
    return "float";
  }

  @Override
  public String toString() {
    return Json.write(this);
  }
}
