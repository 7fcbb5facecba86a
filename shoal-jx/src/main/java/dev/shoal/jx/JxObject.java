package dev.shoal.jx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object. {@code fields} is an unmodifiable copy that keeps the keys in insertion order;
 * equality ignores the order, as JSON does.
 */
public record JxObject(Map<String, JxValue> fields) implements JxValue {

  /** The empty object. */
  public static final JxObject EMPTY = new JxObject(Map.of());

  public JxObject {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The value under {@code key}, or {@code null} when absent. */
  public JxValue get(String key) {
    return fields.get(key);
  }

  @Override
  public String typeName() {
    return "object";
  }

  @Override
  public String toString() {
    return Json.write(this);
  }
}
