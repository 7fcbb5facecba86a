package dev.shoal.jx;

import java.util.List;

/** A JSON array; {@code items} is an unmodifiable copy. */
public record JxArray(List<JxValue> items) implements JxValue {

  /** The empty array. */
  public static final JxArray EMPTY = new JxArray(List.of());

  public JxArray {
    items = List.copyOf(items);
  }

  public int size() {
    return items.size();
  }

  public JxValue get(int i) {
    return items.get(i);
  }

  @Override
  public String typeName() {
    return "array";
  }

  @Override
  public String toString() {
    return Json.write(this);
  }
}
