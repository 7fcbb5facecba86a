package dev.shoal.worker.launch;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxBoolean;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the task launcher does for one task, handed to it in the environment variable {@value #ENV}
 * as JSON:
 *
 * <pre>{@code
 * {"command": "sh text", "env": {"NAME": "value"},
 *  "inputs":  [{"url": "http://engine:port/f/<token>", "name": "task-local name",
 *               "cache": "key, optional", "dir": true (a directory; optional)}],
 *  "outputs": [{"url": "...", "name": "..."}],
 *  "report": "http://engine:port/f/<token>",
 *  "memory_mb": 512, "disk_mb": -1, "wall_time_s": -1}
 * }</pre>
 *
 * Inputs are GET, outputs and the report PUT; every URL is an opaque token valid for this attempt
 * only. A task with many inputs or outputs moves them in batches instead, several tokens of the
 * same server in one request ({@link FileBatch}, {@link Batches#FROM}). Limits of -1 are not
 * enforced. An input with a {@code cache} key names its content: the {@link ShoalExecutor}
 * downloads it once per key and links it into each task that names it.
 */
public record LaunchSpec(
    String command,
    Map<String, String> environment,
    List<Transfer> inputs,
    List<Transfer> outputs,
    String reportUrl,
    long memoryMb,
    long diskMb,
    long wallTimeSec) {

  /** The environment variable holding the spec. */
  public static final String ENV = "SHOAL_TASK";

  /** The launcher's exit code when an input could not be downloaded. */
  public static final int EXIT_INPUT_FAILED = 120;

  /** The launcher's exit code when an output or the report could not be uploaded. */
  public static final int EXIT_UPLOAD_FAILED = 121;

  /** The launcher's exit code when the command exceeded its allocation. */
  public static final int EXIT_RESOURCES = 122;

  /** The launcher's exit code for anything else going wrong before the command ran. */
  public static final int EXIT_LAUNCHER = 123;

  public LaunchSpec {
    environment = Map.copyOf(environment);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /**
   * A file to move between the engine and the sandbox: {@code name} is relative to the task.
   *
   * @param cacheKey identifies the content (same key, same bytes), or {@code null}: not cached
   * @param directory an input that is a directory: it travels whole as a {@link DirStream} on its
   *     own request (never in a batch, never cached); outputs do not say, the command decides
   */
  public record Transfer(String url, String name, String cacheKey, boolean directory) {
    public Transfer(String url, String name, String cacheKey) {
      this(url, name, cacheKey, false);
    }

    public Transfer(String url, String name) {
      this(url, name, null);
    }

    /** An input that is a directory in the workflow. */
    public static Transfer directory(String url, String name) {
      return new Transfer(url, name, null, true);
    }
  }

  public String toJson() {
    return Json.write(toJx());
  }

  /** The spec as a JSON value, for {@link LaunchBundle} to hold several. */
  JxObject toJx() {
    Map<String, JxValue> env = new LinkedHashMap<>();
    environment.forEach((k, v) -> env.put(k, new JxString(v)));
    Map<String, JxValue> m = new LinkedHashMap<>();
    m.put("command", new JxString(command));
    m.put("env", new JxObject(env));
    m.put("inputs", transfers(inputs));
    m.put("outputs", transfers(outputs));
    m.put("report", new JxString(reportUrl));
    m.put("memory_mb", new JxInteger(memoryMb));
    m.put("disk_mb", new JxInteger(diskMb));
    m.put("wall_time_s", new JxInteger(wallTimeSec));
    return new JxObject(m);
  }

  private static JxArray transfers(List<Transfer> ts) {
    List<JxValue> out = new ArrayList<>();
    for (Transfer t : ts) {
      Map<String, JxValue> m = new LinkedHashMap<>();
      m.put("url", new JxString(t.url));
      m.put("name", new JxString(t.name));
      if (t.cacheKey != null) {
        m.put("cache", new JxString(t.cacheKey));
      }
      if (t.directory) {
        m.put("dir", JxBoolean.TRUE);
      }
      out.add(new JxObject(m));
    }
    return new JxArray(out);
  }

  /**
   * Parses the JSON written by {@link #toJson}.
   *
   * @throws IllegalArgumentException naming the field when the text is not a launch spec
   */
  public static LaunchSpec parse(String json) {
    try {
      return fromJx(Json.parse(json, ENV), "the spec");
    } catch (JxSyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The spec in {@code v}, as {@link #toJx} writes it.
   *
   * @param where names {@code v} in error messages
   * @throws IllegalArgumentException naming the field when {@code v} is not a launch spec
   */
  static LaunchSpec fromJx(JxValue v, String where) {
    JxObject o = object(v, where);
    Map<String, String> env = new LinkedHashMap<>();
    object(o.get("env"), "env").fields().forEach((k, x) -> env.put(k, string(x, "env." + k)));
    return new LaunchSpec(
        string(o.get("command"), "command"),
        env,
        transfers(o.get("inputs"), "inputs"),
        transfers(o.get("outputs"), "outputs"),
        string(o.get("report"), "report"),
        number(o.get("memory_mb"), "memory_mb"),
        number(o.get("disk_mb"), "disk_mb"),
        number(o.get("wall_time_s"), "wall_time_s"));
  }

  private static List<Transfer> transfers(JxValue v, String field) {
    if (!(v instanceof JxArray a)) {
      throw new IllegalArgumentException(field + ": expected an array");
    }
    List<Transfer> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      JxObject t = object(a.get(i), field + "[" + i + "]");
      out.add(
          new Transfer(
              string(t.get("url"), field + "[" + i + "].url"),
              string(t.get("name"), field + "[" + i + "].name"),
              t.get("cache") == null ? null : string(t.get("cache"), field + "[" + i + "].cache"),
              t.get("dir") instanceof JxBoolean b && b.value()));
    }
    return out;
  }

  private static JxObject object(JxValue v, String field) {
    if (v instanceof JxObject o) {
      return o;
    }
    throw new IllegalArgumentException(field + ": expected an object");
  }

  private static String string(JxValue v, String field) {
    if (v instanceof JxString s) {
      return s.value();
    }
    throw new IllegalArgumentException(field + ": expected a string");
  }

  private static long number(JxValue v, String field) {
    if (v instanceof JxInteger n) {
      return n.value();
    }
    throw new IllegalArgumentException(field + ": expected an integer");
  }
}
