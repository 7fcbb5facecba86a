package dev.shoal.jx;

import java.util.Objects;

/** A JSON string. */
public record JxString(String value) implements JxValue {

  public JxString {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public String toString() {
    return Json.write(this);
  }
}
