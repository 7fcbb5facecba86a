package dev.shoal.lang.jx;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxValue;
import dev.shoal.lang.model.Category;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Rule;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one evaluated rule object into a {@link Rule}. Environment precedence: rule over category
 * over global, then the resource variables ({@code CATEGORY CORES MEMORY DISK GPUS MPI_PROCESSES
 * WALL_TIME}) of the rule's effective request. Equal environments share one map instance.
 */
final class RuleReader {
  static final List<String> KEYS =
      List.of(
          "command",
          "workflow",
          "args",
          "inputs",
          "outputs",
          "local_job",
          "category",
          "resources",
          "allocation",
          "environment");

  private final JxFields fields;
  private final String defaultCategory;
  private final Map<String, Category> categories;
  private final Map<String, String> globalEnv;
  private final Map<Map<String, String>, Map<String, String>> interned = new HashMap<>();

  RuleReader(
      JxFields fields,
      String defaultCategory,
      Map<String, Category> categories,
      Map<String, String> globalEnv) {
    this.fields = fields;
    this.defaultCategory = defaultCategory;
    this.categories = categories;
    this.globalEnv = globalEnv;
  }

  /** The rule, or {@code null} when it has problems (all of them reported). */
  Rule read(int id, Located v) {
    if (!(v.value() instanceof JxObject o)) {
      fields.error(
          v.line(),
          "rule "
              + id
              + " must be an object, got "
              + JxFields.describe(v.value())
              + " — write {\"command\": \"...\", \"inputs\": [...], \"outputs\": [...]}");
      return null;
    }
    int before = problemsMark();
    fields.unknownKeys(v, o, KEYS, "rule " + id);
    JxValue command = o.get("command");
    JxValue workflow = o.get("workflow");
    String text = null;
    Rule.Kind kind = Rule.Kind.COMMAND;
    if (command != null && workflow != null) {
      fields.error(
          v.line(),
          "rule "
              + id
              + " has both \"command\" and \"workflow\" — keep one: a"
              + " shell command or a sub-workflow file");
    } else if (command == null && workflow == null) {
      fields.error(
          v.line(),
          "rule "
              + id
              + " has neither \"command\" nor \"workflow\" — add"
              + " \"command\": \"...\" (or \"workflow\": \"sub.jx\" for a sub-workflow)");
    } else if (command != null) {
      text = fields.string(v.member("command", command), "\"command\"");
    } else {
      kind = Rule.Kind.WORKFLOW;
      text = fields.string(v.member("workflow", workflow), "\"workflow\"");
    }
    Map<String, String> nested = Map.of();
    JxValue args = o.get("args");
    if (args != null) {
      if (kind != Rule.Kind.WORKFLOW) {
        fields.error(
            v.lineOf("args"),
            "\"args\" is only used with \"workflow\" — remove it, or"
                + " pass values to the command in its text");
      } else {
        nested = nestedArgs(v.member("args", args));
      }
    }
    List<FileRef> inputs = files(v, o, "inputs");
    List<FileRef> outputs = files(v, o, "outputs");
    boolean local =
        o.get("local_job") != null
            && fields.bool(v.member("local_job", o.get("local_job")), "\"local_job\"");
    String category = defaultCategory;
    if (o.get("category") != null) {
      String c = fields.string(v.member("category", o.get("category")), "\"category\"");
      category = c != null ? c : defaultCategory;
    }
    Resources own =
        o.get("resources") == null
            ? Resources.NONE
            : fields.resources(v.member("resources", o.get("resources")), "rule " + id);
    String allocation =
        o.get("allocation") == null
            ? null
            : fields.allocation(v.member("allocation", o.get("allocation")));
    Map<String, String> ruleEnv =
        o.get("environment") == null
            ? Map.of()
            : fields.environment(v.member("environment", o.get("environment")), "rule " + id);
    if (problemsMark() != before || text == null) {
      return null;
    }
    Category cat = categories.get(category);
    Resources resources = cat == null ? own : own.orElse(cat.resources());
    Map<String, String> env = new LinkedHashMap<>(globalEnv);
    if (cat != null) {
      env.putAll(cat.environment());
    }
    env.putAll(ruleEnv);
    putResourceVariables(env, category, resources);
    return new Rule(
        id,
        v.line(),
        outputs,
        inputs,
        text,
        kind,
        local,
        category,
        resources,
        intern(env),
        null,
        allocation,
        nested);
  }

  private int problemsMark() {
    return fields.problemCount();
  }

  private List<FileRef> files(Located v, JxObject o, String key) {
    JxValue list = o.get(key);
    return list == null ? List.of() : fields.files(v.member(key, list), "\"" + key + "\"");
  }

  private Map<String, String> nestedArgs(Located args) {
    JxObject o = fields.object(args, "\"args\"", "{\"N\": 10}");
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      o.fields()
          .forEach((k, val) -> out.put(k, val instanceof JxString(String s) ? s : Json.write(val)));
    }
    return Collections.unmodifiableMap(out);
  }

  private static void putResourceVariables(Map<String, String> env, String category, Resources r) {
    env.put("CATEGORY", category);
    put(env, "CORES", r.cores());
    put(env, "MEMORY", r.memoryMb());
    put(env, "DISK", r.diskMb());
    put(env, "GPUS", r.gpus());
    put(env, "MPI_PROCESSES", r.mpiProcesses());
    put(env, "WALL_TIME", r.wallTimeSec());
  }

  private static void put(Map<String, String> env, String name, long value) {
    if (value != Resources.UNSET) {
      env.put(name, Long.toString(value));
    }
  }

  private Map<String, String> intern(Map<String, String> env) {
    return interned.computeIfAbsent(env, e -> Collections.unmodifiableMap(new LinkedHashMap<>(e)));
  }
}
