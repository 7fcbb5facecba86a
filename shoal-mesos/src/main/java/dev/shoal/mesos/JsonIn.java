package dev.shoal.mesos;

import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxBoolean;
import dev.shoal.jx.JxDouble;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Typed reads of one JSON object, with the field path in every error ("offers.offers[0].id: missing
 * — ..."). Unknown fields are ignored: a newer master may add some.
 */
final class JsonIn {
  private final JxObject object;
  private final String path;

  JsonIn(JxValue value, String path) {
    if (!(value instanceof JxObject o)) {
      throw new MesosFormatException(path + ": expected an object, found " + value.typeName());
    }
    this.object = o;
    this.path = path;
  }

  boolean has(String field) {
    return object.get(field) != null && !(object.get(field) instanceof dev.shoal.jx.JxNull);
  }

  JsonIn obj(String field) {
    return new JsonIn(required(field), at(field));
  }

  /** The nested object, or {@code null} when absent. */
  JsonIn optObj(String field) {
    return has(field) ? obj(field) : null;
  }

  String str(String field) {
    JxValue v = required(field);
    if (v instanceof JxString(String s)) {
      return s;
    }
    throw wrongType(field, "a string", v);
  }

  String optStr(String field) {
    return has(field) ? str(field) : null;
  }

  double dbl(String field) {
    JxValue v = required(field);
    return switch (v) {
      case JxInteger(long n) -> n;
      case JxDouble(double d) -> d;
      // protobuf's JSON mapping also accepts numbers as strings (64-bit integers are written so).
      case JxString(String s) -> parseNumber(field, s);
      default -> throw wrongType(field, "a number", v);
    };
  }

  double optDbl(String field, double absent) {
    return has(field) ? dbl(field) : absent;
  }

  boolean bool(String field, boolean absent) {
    if (!has(field)) {
      return absent;
    }
    JxValue v = object.get(field);
    if (v instanceof JxBoolean b) {
      return b == JxBoolean.TRUE;
    }
    throw wrongType(field, "true or false", v);
  }

  /** A {@code {"value": "..."}} id object, converted by {@code make}. */
  <T> T id(String field, Function<String, T> make) {
    return make.apply(obj(field).str("value"));
  }

  <T> T optId(String field, Function<String, T> make) {
    return has(field) ? id(field, make) : null;
  }

  <E extends Enum<E>> E enumOf(String field, Class<E> type) {
    String name = str(field);
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new MesosFormatException(at(field) + ": unknown " + type.getSimpleName() + " " + name);
    }
  }

  <E extends Enum<E>> E optEnum(String field, Class<E> type) {
    return has(field) ? enumOf(field, type) : null;
  }

  Bytes optBytes(String field) {
    return has(field) ? Bytes.fromBase64(str(field)) : null;
  }

  /** The array's elements read by {@code read}; an empty list when the field is absent. */
  <T> List<T> list(String field, Function<JsonIn, T> read) {
    List<T> out = new ArrayList<>();
    for (JxValue v : array(field)) {
      out.add(read.apply(new JsonIn(v, at(field) + "[" + out.size() + "]")));
    }
    return out;
  }

  List<String> strings(String field) {
    List<String> out = new ArrayList<>();
    for (JxValue v : array(field)) {
      if (!(v instanceof JxString(String s))) {
        throw wrongType(field, "an array of strings", v);
      }
      out.add(s);
    }
    return out;
  }

  String path() {
    return path;
  }

  private List<JxValue> array(String field) {
    if (!has(field)) {
      return List.of();
    }
    JxValue v = object.get(field);
    if (v instanceof JxArray a) {
      return a.items();
    }
    throw wrongType(field, "an array", v);
  }

  private JxValue required(String field) {
    if (!has(field)) {
      throw new MesosFormatException(
          at(field) + ": missing — Mesos requires this field (is the peer a Mesos 1.x master?)");
    }
    return object.get(field);
  }

  private double parseNumber(String field, String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new MesosFormatException(at(field) + ": not a number: " + s);
    }
  }

  private MesosFormatException wrongType(String field, String expected, JxValue found) {
    return new MesosFormatException(
        at(field) + ": expected " + expected + ", found " + found.typeName());
  }

  private String at(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
