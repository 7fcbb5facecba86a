package dev.shoal.lang.jx;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxBoolean;
import dev.shoal.jx.JxDouble;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxValue;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts the members shared by rules and categories ({@code resources}, {@code environment}, file
 * lists, {@code allocation}) from JSON values to model values. Each method reports problems to the
 * given {@link Problems} and returns a usable fallback, so one read finds every problem.
 */
final class JxFields {
  /** The resource keys, in the order of the JX manual. */
  static final List<String> RESOURCE_KEYS =
      List.of("cores", "memory", "disk", "gpus", "wall-time", "mpi-processes");

  /**
   * The accepted {@code allocation} labels; {@code first} is the deprecated name of {@code auto}.
   */
  static final Set<String> ALLOCATIONS = Set.of("auto", "first", "max", "error");

  private final String file;
  private final Problems problems;

  JxFields(String file, Problems problems) {
    this.file = file;
    this.problems = problems;
  }

  int problemCount() {
    return problems.count();
  }

  void error(int line, String message) {
    problems.add(file, line, message);
  }

  /** A string member, or {@code null} (reported) when it has another type. */
  String string(Located v, String what) {
    if (v.value() instanceof JxString(String s)) {
      return s;
    }
    error(v.line(), what + " must be a string, got " + describe(v.value()) + " — quote it");
    return null;
  }

  boolean bool(Located v, String what) {
    if (v.value() instanceof JxBoolean(boolean b)) {
      return b;
    }
    error(v.line(), what + " must be true or false, got " + describe(v.value()));
    return false;
  }

  /** The object's members, or {@code null} (reported) when it is not an object. */
  JxObject object(Located v, String what, String example) {
    if (v.value() instanceof JxObject o) {
      return o;
    }
    error(
        v.line(),
        what + " must be an object, got " + describe(v.value()) + " — write e.g. " + example);
    return null;
  }

  /** {@code resources}: each known key to a non-negative whole number. */
  Resources resources(Located v, String owner) {
    JxObject o = object(v, owner + " \"resources\"", "{\"cores\": 1, \"memory\": 512}");
    Resources r = Resources.NONE;
    if (o == null) {
      return r;
    }
    for (Map.Entry<String, JxValue> e : o.fields().entrySet()) {
      String key = e.getKey();
      int line = v.lineOf(key);
      if (!RESOURCE_KEYS.contains(key)) {
        error(
            line,
            "unknown resource \""
                + key
                + "\" in "
                + owner
                + " — the resources are "
                + String.join(", ", RESOURCE_KEYS)
                + " (memory and disk in MB, wall-time in seconds)");
        continue;
      }
      long n = wholeNumber(e.getValue());
      if (n < 0) {
        error(
            line,
            "resource \""
                + key
                + "\" must be a non-negative whole number, got "
                + describe(e.getValue())
                + " — write e.g. \""
                + key
                + "\": 4");
        continue;
      }
      r =
          switch (key) {
            case "cores" -> r.withCores(n);
            case "memory" -> r.withMemoryMb(n);
            case "disk" -> r.withDiskMb(n);
            case "gpus" -> r.withGpus(n);
            case "wall-time" -> r.withWallTimeSec(n);
            default -> r.withMpiProcesses(n);
          };
    }
    return r;
  }

  private static long wholeNumber(JxValue v) {
    return switch (v) {
      case JxInteger(long n) -> n;
      case JxDouble(double d) when d >= 0 && d == Math.rint(d) && d < 0x1p62 -> (long) d;
      default -> -1;
    };
  }

  /** {@code environment}: names to strings (numbers and booleans are written out). */
  Map<String, String> environment(Located v, String owner) {
    JxObject o = object(v, owner + " \"environment\"", "{\"PATH\": \"/bin:/usr/bin\"}");
    Map<String, String> env = new LinkedHashMap<>();
    if (o == null) {
      return env;
    }
    for (Map.Entry<String, JxValue> e : o.fields().entrySet()) {
      String s = scalar(e.getValue());
      if (s == null) {
        error(
            v.lineOf(e.getKey()),
            "environment variable "
                + e.getKey()
                + " must be a string,"
                + " got "
                + describe(e.getValue())
                + " — use join() to make one from a list");
      } else {
        env.put(e.getKey(), s);
      }
    }
    return env;
  }

  /** {@code inputs}/{@code outputs}: strings or {@code {"dag_name": ..., "task_name": ...}}. */
  List<FileRef> files(Located v, String what) {
    List<FileRef> out = new ArrayList<>();
    if (!(v.value() instanceof JxArray arr)) {
      error(
          v.line(),
          what
              + " must be an array of file names, got "
              + describe(v.value())
              + " — write e.g. [\"data.txt\"]");
      return out;
    }
    for (JxValue item : arr.items()) {
      FileRef f = file(item, v.line(), what);
      if (f != null) {
        out.add(f);
      }
    }
    return out;
  }

  private FileRef file(JxValue item, int line, String what) {
    if (item instanceof JxString(String s)) {
      if (s.isEmpty()) {
        error(line, "empty file name in " + what + " — remove it or name the file");
        return null;
      }
      return FileRef.of(s);
    }
    if (item instanceof JxObject o) {
      for (String k : o.fields().keySet()) {
        if (!k.equals("dag_name") && !k.equals("task_name")) {
          error(
              line,
              "unknown key \""
                  + k
                  + "\" in a file of "
                  + what
                  + " — a file object has \"dag_name\" and optionally \"task_name\"");
          return null;
        }
      }
      if (!(o.get("dag_name") instanceof JxString(String dag)) || dag.isEmpty()) {
        error(
            line,
            "a file object in "
                + what
                + " needs a \"dag_name\" string — write"
                + " {\"dag_name\": \"out.5.txt\", \"task_name\": \"out.txt\"}");
        return null;
      }
      JxValue task = o.get("task_name");
      if (task == null) {
        return FileRef.of(dag);
      }
      if (!(task instanceof JxString(String t)) || t.isEmpty()) {
        error(
            line, "\"task_name\" of " + dag + " must be a non-empty string, got " + describe(task));
        return null;
      }
      return t.equals(dag) ? FileRef.of(dag) : new FileRef(dag, t);
    }
    error(
        line,
        "a file in "
            + what
            + " must be a string or {\"dag_name\", \"task_name\"} object,"
            + " got "
            + describe(item));
    return null;
  }

  /** {@code allocation}: the label, {@code first} normalised to {@code auto}; null if invalid. */
  String allocation(Located v) {
    String s = string(v, "\"allocation\"");
    if (s == null) {
      return null;
    }
    if (!ALLOCATIONS.contains(s)) {
      error(v.line(), "unknown allocation \"" + s + "\" — use \"auto\", \"max\" or \"error\"");
      return null;
    }
    return s.equals("first") ? "auto" : s;
  }

  /** Text of a string, number or boolean; {@code null} otherwise. */
  static String scalar(JxValue v) {
    return switch (v) {
      case JxString(String s) -> s;
      case JxInteger i -> i.toString();
      case JxDouble d -> Json.write(d);
      case JxBoolean b -> b.toString();
      default -> null;
    };
  }

  /** {@code type value} for messages, the value cut short. */
  static String describe(JxValue v) {
    String s = Json.write(v);
    return v.typeName() + " " + (s.length() > 50 ? s.substring(0, 47) + "..." : s);
  }

  /** Reports each key of {@code o} not in {@code valid}. */
  void unknownKeys(Located v, JxObject o, List<String> valid, String where) {
    for (String k : o.fields().keySet()) {
      if (!valid.contains(k)) {
        error(
            v.lineOf(k),
            "unknown key \""
                + k
                + "\" in "
                + where
                + " — the valid keys are "
                + String.join(", ", valid));
      }
    }
  }
}
