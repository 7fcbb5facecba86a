package dev.shoal.mesos;

import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds one JSON object in field order; {@code null} values are left out (absent fields). */
final class JsonOut {
  private final Map<String, JxValue> fields = new LinkedHashMap<>();

  JsonOut put(String field, JxValue value) {
    if (value != null) {
      fields.put(field, value);
    }
    return this;
  }

  JsonOut put(String field, String value) {
    return value == null ? this : put(field, JxValue.of(value));
  }

  JsonOut put(String field, double value) {
    return Double.isNaN(value) ? this : put(field, JxValue.of(value));
  }

  JsonOut put(String field, boolean value) {
    return put(field, JxValue.of(value));
  }

  JsonOut put(String field, Enum<?> value) {
    return value == null ? this : put(field, value.name());
  }

  JsonOut put(String field, Bytes value) {
    return value == null ? this : put(field, value.base64());
  }

  /** An id as {@code {"value": id}}; {@code id}'s {@code toString} is its value. */
  JsonOut id(String field, Object id) {
    return id == null ? this : put(field, new JsonOut().put("value", id.toString()).build());
  }

  /** A non-empty array of {@code items} written by {@code write}; nothing when empty. */
  <T> JsonOut list(String field, List<T> items, Function<T, JxValue> write) {
    if (items.isEmpty()) {
      return this;
    }
    List<JxValue> out = new ArrayList<>(items.size());
    for (T item : items) {
      out.add(write.apply(item));
    }
    return put(field, new JxArray(out));
  }

  JsonOut strings(String field, List<String> items) {
    return list(field, items, JxValue::of);
  }

  JxObject build() {
    return new JxObject(fields);
  }
}
