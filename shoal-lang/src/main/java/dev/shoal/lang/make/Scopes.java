package dev.shoal.lang.make;

import dev.shoal.lang.model.Category;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The variable tables of a Makeflow file as the parser walks it, top to bottom.
 *
 * <p>Lookup order: the rule-local table (assignments between a rule's header and its command), the
 * table of the rule's category, the global table (which is the table of the {@code default}
 * category), then the process environment. The parser expands every value when it reads it and
 * builds each rule when it reads the rule's command, so the tables always hold the values visible
 * at the current line: a later assignment cannot change a rule already built. {@link #generation()}
 * changes whenever anything a rule could see changes, so rules can reuse their predecessor's
 * derived values when it does not.
 *
 * <p>Not thread-safe; one instance per parse.
 */
final class Scopes {
  static final String CATEGORY = "CATEGORY";
  static final String SYMBOL = "SYMBOL";

  private final Map<String, String> environment;
  private final Map<String, String> global = new HashMap<>();
  private final Map<String, Map<String, String>> categoryTables = new LinkedHashMap<>();
  private final Map<String, String> local = new HashMap<>();
  private final Set<String> exported = new LinkedHashSet<>();
  private final Map<String, String> names = new HashMap<>();
  private String currentCategory = Category.DEFAULT;
  private boolean inRule;
  private int generation;

  Scopes(Map<String, String> environment) {
    this.environment = environment;
    categoryTables.put(Category.DEFAULT, global);
    names.put(Category.DEFAULT, Category.DEFAULT);
  }

  /** Starts a rule: following assignments are rule-local until {@link #endRule()}. */
  void beginRule() {
    inRule = true;
    if (!local.isEmpty()) {
      local.clear();
      generation++;
    }
  }

  void endRule() {
    inRule = false;
    if (!local.isEmpty()) {
      local.clear();
      generation++;
    }
  }

  boolean inRule() {
    return inRule;
  }

  /** Changes whenever a value visible to a rule or the set of exported names changes. */
  int generation() {
    return generation;
  }

  /** The visible value of {@code name}, or {@code null} when it is defined nowhere. */
  String lookup(String name) {
    String v = local.get(name);
    if (v != null) {
      return v;
    }
    String category = ruleCategory();
    if (!category.equals(Category.DEFAULT)) {
      v = categoryTables.get(category).get(name);
      if (v != null) {
        return v;
      }
    }
    v = global.get(name);
    return v != null ? v : environment.get(name);
  }

  /** The value of {@code name} in the global table or the environment, ignoring categories. */
  String lookupGlobal(String name) {
    String v = global.get(name);
    return v != null ? v : environment.get(name);
  }

  /**
   * Assigns in the scope the current line belongs to (callers compute appended values with {@link
   * #lookup} first). {@code CATEGORY} and its alias {@code SYMBOL} outside a rule switch the
   * current category and are stored globally; inside a rule they set the rule's category only.
   * {@code MAKEFLOW_INPUTS} and {@code MAKEFLOW_OUTPUTS} outside a rule are always global.
   */
  void assign(String name, String value) {
    if (name.equals(SYMBOL)) {
      name = CATEGORY;
    }
    generation++;
    if (inRule) {
      local.put(name, value);
      table(categoryName(local.get(CATEGORY)));
    } else if (name.equals(CATEGORY)) {
      global.put(name, value);
      currentCategory = categoryName(value);
      table(currentCategory);
    } else if (name.equals(MakeParser.GC_INPUTS) || name.equals(MakeParser.GC_OUTPUTS)) {
      global.put(name, value); // whole-workflow settings, whatever the category
    } else {
      table(currentCategory).put(name, value);
    }
  }

  /** Marks {@code name} as exported to the tasks of rules that follow. */
  void export(String name) {
    if (exported.add(name)) {
      generation++;
    }
  }

  Set<String> exported() {
    return exported;
  }

  /** The category of the rule being read (or of the next rule, outside a rule). */
  String ruleCategory() {
    String own = local.get(CATEGORY);
    return own == null ? currentCategory : categoryName(own);
  }

  /** The category that assignments outside rules currently go to. */
  String currentCategory() {
    return currentCategory;
  }

  /** Every category named so far, {@code default} first, with its own table. */
  Map<String, Map<String, String>> categoryTables() {
    return categoryTables;
  }

  Map<String, String> environment() {
    return environment;
  }

  /** One shared instance per category name: the name without surrounding quotes, or default. */
  String categoryName(String value) {
    if (value == null) {
      return currentCategory;
    }
    String name = Quoting.dequoteWhole(value.strip());
    return names.computeIfAbsent(name.isEmpty() ? Category.DEFAULT : name, k -> k);
  }

  private Map<String, String> table(String category) {
    return categoryTables.computeIfAbsent(category, k -> new HashMap<>());
  }
}
