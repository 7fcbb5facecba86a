package dev.shoal.lang.jx;

import dev.shoal.jx.Jx;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxError;
import dev.shoal.jx.JxExpr;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import dev.shoal.lang.Diagnostic;
import dev.shoal.lang.WorkflowException;
import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Category;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON or JX workflow ({@code makeflow --json} / {@code --jx}) into a {@link Workflow}.
 *
 * <p>Top level: {@code rules} (required), {@code define}, {@code environment}, {@code categories}
 * (name to {@code {resources, environment, allocation}}), {@code default_category}. Rules are
 * numbered from 0 in the order they are generated; {@link Rule#line()} is the line of the rule's
 * object constructor (for rules made by a comprehension, the line of its body). Every problem is
 * collected, and all of them are thrown as one {@link WorkflowException}.
 */
public final class JxWorkflowReader {
  private static final List<String> TOP_KEYS =
      List.of("rules", "define", "environment", "categories", "default_category");
  private static final List<String> CATEGORY_KEYS =
      List.of("resources", "environment", "allocation");

  private final String name;
  private final Problems problems = new Problems();
  private final JxFields fields;

  private JxWorkflowReader(String name) {
    this.name = name;
    this.fields = new JxFields(name, problems);
  }

  /**
   * Reads and checks a workflow.
   *
   * @param file the workflow file
   * @param displayName the file as the user named it, for messages
   * @param evaluateJx true for {@code --jx}: evaluate JX expressions; false for {@code --json}: the
   *     document must be plain JSON
   * @param jxArgsFiles {@code --jx-args} files, each a JX object of names to values
   * @param jxDefines {@code --jx-define VAR=EXPR}, name to expression text, in command-line order
   * @throws WorkflowException every problem found, as {@code file:line: what — what to do}
   */
  public static Workflow read(
      Path file,
      String displayName,
      boolean evaluateJx,
      List<Path> jxArgsFiles,
      Map<String, String> jxDefines)
      throws WorkflowException {
    return new JxWorkflowReader(displayName).run(file, evaluateJx, jxArgsFiles, jxDefines);
  }

  private Workflow run(
      Path file, boolean evaluateJx, List<Path> argsFiles, Map<String, String> defines)
      throws WorkflowException {
    JxExpr doc = parse(file);
    if (!evaluateJx) {
      JsonOnlyCheck.check(doc, name, problems, 20);
      problems.throwIfAny();
    }
    JxExpr.ObjectExpr top = doc instanceof JxExpr.ObjectExpr o ? o : null;
    Map<String, JxValue> ctx =
        evaluateJx
            ? JxContext.build(
                top == null ? null : top.find("define"), name, argsFiles, defines, problems)
            : Map.of();
    Map<String, Located> sections = new LinkedHashMap<>();
    List<Located> rules = new ArrayList<>();
    if (top != null) {
      sectionsOf(top, ctx, sections, rules);
    } else {
      wholeDocument(doc, ctx, sections, rules);
    }
    Workflow w = assemble(Path.of(name), sections, rules);
    problems.throwIfAny();
    return w;
  }

  private JxExpr parse(Path file) throws WorkflowException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new WorkflowException(
          List.of(
              new Diagnostic(
                  name,
                  0,
                  "cannot read the workflow ("
                      + e.getClass().getSimpleName()
                      + ": "
                      + e.getMessage()
                      + ") — check the path and its permissions")));
    }
    try {
      return Jx.parse(text, name);
    } catch (JxSyntaxException e) {
      throw new WorkflowException(List.of(new Diagnostic(name, e.line(), e.problem())));
    }
  }

  /** Evaluates each top-level member on its own, keeping the line of each rule. */
  private void sectionsOf(
      JxExpr.ObjectExpr top,
      Map<String, JxValue> ctx,
      Map<String, Located> sections,
      List<Located> rules) {
    for (JxExpr.Entry e : top.entries()) {
      if (!(e.key() instanceof JxExpr.Literal(JxString(String key), int line))) {
        problems.add(
            name,
            e.key().line(),
            "a top-level key must be a quoted string — write e.g." + " \"rules\"");
        continue;
      }
      if (!TOP_KEYS.contains(key)) {
        problems.add(
            name,
            line,
            "unknown top-level key \""
                + key
                + "\" — the valid keys are "
                + String.join(", ", TOP_KEYS));
        continue;
      }
      if (key.equals("define")) {
        continue; // already evaluated into the context
      }
      if (key.equals("rules") && e.value() instanceof JxExpr.ArrayExpr arr) {
        sections.put(key, new Located(JxArray.EMPTY, arr.line(), arr));
        for (JxExpr item : arr.items()) {
          ruleItem(item, ctx, rules);
        }
        continue;
      }
      JxValue v = eval(e.value(), ctx);
      if (v != null) {
        Located loc = new Located(v, e.value().line(), e.value());
        sections.put(key, loc);
        if (key.equals("rules")) {
          rulesFromArray(loc, rules);
        }
      }
    }
  }

  private void ruleItem(JxExpr item, Map<String, JxValue> ctx, List<Located> rules) {
    JxValue v = eval(item, ctx);
    if (v == null) {
      return;
    }
    if (item instanceof JxExpr.Comprehension c) {
      for (JxValue r : ((JxArray) v).items()) {
        rules.add(new Located(r, c.body().line(), c.body()));
      }
    } else {
      rules.add(new Located(v, item.line(), item));
    }
  }

  private void wholeDocument(
      JxExpr doc, Map<String, JxValue> ctx, Map<String, Located> sections, List<Located> rules) {
    JxValue v = eval(doc, ctx);
    if (v == null) {
      return;
    }
    if (!(v instanceof JxObject o)) {
      problems.add(
          name,
          doc.line(),
          "a workflow must be an object with \"rules\", got "
              + JxFields.describe(v)
              + " — write {\"rules\": [ ... ]}");
      return;
    }
    Located whole = new Located(o, doc.line(), null);
    fields.unknownKeys(whole, o, TOP_KEYS, "the workflow");
    o.fields().forEach((k, val) -> sections.put(k, new Located(val, doc.line(), null)));
    if (sections.containsKey("rules")) {
      rulesFromArray(sections.get("rules"), rules);
    }
  }

  private void rulesFromArray(Located loc, List<Located> rules) {
    if (!(loc.value() instanceof JxArray arr)) {
      problems.add(
          name,
          loc.line(),
          "\"rules\" must be an array, got "
              + JxFields.describe(loc.value())
              + " — write \"rules\": [ {\"command\": ...}, ... ]");
      return;
    }
    for (JxValue r : arr.items()) {
      rules.add(new Located(r, loc.line(), null));
    }
  }

  private JxValue eval(JxExpr e, Map<String, JxValue> ctx) {
    JxValue v = Jx.eval(e, ctx);
    if (v instanceof JxError err) {
      problems.add(name, err.line() > 0 ? err.line() : e.line(), err.message());
      return null;
    }
    return v;
  }

  private Workflow assemble(Path file, Map<String, Located> sections, List<Located> ruleValues) {
    if (!sections.containsKey("rules") && problems.isEmpty()) {
      problems.add(name, 1, "no \"rules\" — a workflow needs \"rules\": [ {\"command\": ...} ]");
    }
    String defaultCategory = Category.DEFAULT;
    Located dc = sections.get("default_category");
    if (dc != null) {
      String s = fields.string(dc, "\"default_category\"");
      defaultCategory = s != null && !s.isEmpty() ? s : Category.DEFAULT;
    }
    Map<String, String> globalEnv =
        sections.containsKey("environment")
            ? fields.environment(sections.get("environment"), "the workflow")
            : Map.of();
    Map<String, Category> categories = categories(sections.get("categories"));
    RuleReader reader = new RuleReader(fields, defaultCategory, categories, globalEnv);
    List<Rule> rules = new ArrayList<>();
    for (int id = 0; id < ruleValues.size(); id++) {
      Rule rule = reader.read(id, ruleValues.get(id));
      if (rule != null) {
        rules.add(rule);
      }
    }
    Map<String, Category> all = new LinkedHashMap<>(categories);
    for (String c : List.of(Category.DEFAULT, defaultCategory)) {
      all.putIfAbsent(c, new Category(c, Resources.NONE, null, Map.of()));
    }
    for (Rule r : rules) {
      all.putIfAbsent(r.category(), new Category(r.category(), Resources.NONE, null, Map.of()));
    }
    return new Workflow(file, rules, all, Set.of(), null, Map.of());
  }

  private Map<String, Category> categories(Located loc) {
    Map<String, Category> out = new LinkedHashMap<>();
    if (loc == null) {
      return out;
    }
    JxObject o = fields.object(loc, "\"categories\"", "{\"big\": {\"resources\": {\"cores\": 4}}}");
    if (o == null) {
      return out;
    }
    for (Map.Entry<String, JxValue> e : o.fields().entrySet()) {
      String cname = e.getKey();
      Located c = loc.member(cname, e.getValue());
      JxObject body =
          fields.object(c, "category \"" + cname + "\"", "{\"resources\": {\"cores\": 4}}");
      if (body == null) {
        continue;
      }
      fields.unknownKeys(c, body, CATEGORY_KEYS, "category \"" + cname + "\"");
      JxValue res = body.get("resources");
      JxValue env = body.get("environment");
      JxValue alloc = body.get("allocation");
      String owner = "category \"" + cname + "\"";
      out.put(
          cname,
          new Category(
              cname,
              res == null ? Resources.NONE : fields.resources(c.member("resources", res), owner),
              alloc == null ? null : mode(fields.allocation(c.member("allocation", alloc))),
              env == null ? Map.of() : fields.environment(c.member("environment", env), owner)));
    }
    return out;
  }

  /**
   * The category mode of an allocation label: {@code auto} picks a first allocation from history
   * (maximum throughput), {@code max} the largest seen, {@code error} runs the request as given.
   */
  private static AllocationMode mode(String label) {
    if (label == null) {
      return null;
    }
    return switch (label) {
      case "max" -> AllocationMode.MAX;
      case "error" -> AllocationMode.FIXED;
      default -> AllocationMode.MAX_THROUGHPUT;
    };
  }
}
