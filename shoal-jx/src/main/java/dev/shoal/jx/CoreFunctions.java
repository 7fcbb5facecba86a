package dev.shoal.jx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code range len keys values items ceil floor schema}: functions of evaluated arguments. */
final class CoreFunctions {
  /** The largest array {@code range()} builds, so a typo cannot exhaust memory. */
  static final int MAX_RANGE = 10_000_000;

  private CoreFunctions() {}

  static JxValue range(List<JxValue> args, int line) {
    JxError bad =
        Builtins.arity("range", args, 1, 3, "range(stop) or range(start, stop[, step])", line);
    if (bad != null) {
      return bad;
    }
    long[] n = new long[args.size()];
    for (int i = 0; i < n.length; i++) {
      if (!(args.get(i) instanceof JxInteger(long v))) {
        return Builtins.invalid(
            "range",
            "argument "
                + (i + 1)
                + " must be an integer, got "
                + args.get(i).typeName()
                + " "
                + Json.brief(args.get(i))
                + " — use floor() or ceil() to make one",
            line);
      }
      n[i] = v;
    }
    long start = n.length == 1 ? 0 : n[0];
    long stop = n.length == 1 ? n[0] : n[1];
    long step = n.length == 3 ? n[2] : 1;
    if (step == 0) {
      return Builtins.invalid(
          "range", "step must not be 0 — use a positive or negative step", line);
    }
    long count = step > 0 ? ceilDiv(stop - start, step) : ceilDiv(start - stop, -step);
    if (count > MAX_RANGE) {
      return Builtins.invalid(
          "range",
          "would make " + count + " items, more than " + MAX_RANGE + " — narrow the range",
          line);
    }
    List<JxValue> out = new ArrayList<>((int) Math.max(0, count));
    for (long i = 0; i < count; i++) {
      out.add(new JxInteger(start + i * step));
    }
    return new JxArray(out);
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }

  static JxValue len(List<JxValue> args, int line) {
    JxError bad = Builtins.arity("len", args, 1, 1, "len(array)", line);
    if (bad != null) {
      return bad;
    }
    return switch (args.get(0)) {
      case JxArray a -> new JxInteger(a.size());
      case JxObject o -> new JxInteger(o.fields().size());
      case JxString(String s) -> new JxInteger(s.length());
      default -> notA("len", "an array, object or string", args.get(0), line);
    };
  }

  static JxValue keys(List<JxValue> args, int line) {
    return objectView("keys", args, line, (k, v) -> new JxString(k));
  }

  static JxValue values(List<JxValue> args, int line) {
    return objectView("values", args, line, (k, v) -> v);
  }

  static JxValue items(List<JxValue> args, int line) {
    return objectView("items", args, line, (k, v) -> new JxArray(List.of(new JxString(k), v)));
  }

  private interface EntryView {
    JxValue of(String key, JxValue value);
  }

  private static JxValue objectView(String fn, List<JxValue> args, int line, EntryView view) {
    JxError bad = Builtins.arity(fn, args, 1, 1, fn + "(object)", line);
    if (bad != null) {
      return bad;
    }
    if (!(args.get(0) instanceof JxObject o)) {
      return notA(fn, "an object", args.get(0), line);
    }
    List<JxValue> out = new ArrayList<>(o.fields().size());
    o.fields().forEach((k, v) -> out.add(view.of(k, v)));
    return new JxArray(out);
  }

  static JxValue ceil(List<JxValue> args, int line) {
    return round("ceil", args, line, true);
  }

  static JxValue floor(List<JxValue> args, int line) {
    return round("floor", args, line, false);
  }

  /** Rounds to an integer value; the result is an integer so it can size resources or index. */
  private static JxValue round(String fn, List<JxValue> args, int line, boolean up) {
    JxError bad = Builtins.arity(fn, args, 1, 1, fn + "(number)", line);
    if (bad != null) {
      return bad;
    }
    return switch (args.get(0)) {
      case JxInteger i -> i;
      case JxDouble(double d) -> {
        double r = up ? Math.ceil(d) : Math.floor(d);
        if (Double.isNaN(r) || Math.abs(r) >= 0x1p63) {
          yield new JxError(
              "arithmetic error",
              fn + "(): " + d + " has no integer value — check the input",
              line);
        }
        yield new JxInteger((long) r);
      }
      default -> notA(fn, "a number", args.get(0), line);
    };
  }

  static JxValue schema(List<JxValue> args, int line) {
    JxError bad = Builtins.arity("schema", args, 1, 1, "schema(object)", line);
    if (bad != null) {
      return bad;
    }
    if (!(args.get(0) instanceof JxObject o)) {
      return notA("schema", "an object", args.get(0), line);
    }
    Map<String, JxValue> out = new LinkedHashMap<>();
    o.fields().forEach((k, v) -> out.put(k, new JxString(v.typeName())));
    return new JxObject(out);
  }

  static JxError notA(String fn, String expected, JxValue got, int line) {
    return Builtins.invalid(
        fn, "needs " + expected + ", got " + got.typeName() + " " + Json.brief(got), line);
  }
}
