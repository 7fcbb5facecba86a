package dev.shoal.lang.make;

import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link Rule} from its files, its expanded command and the variables visible at its
 * command line.
 *
 * <p>A rule's resources, environment, {@code BATCH_OPTIONS} and {@code BATCH_LOCAL} are derived
 * from the variables; while no variable changes (same {@link Scopes#generation()} and category)
 * consecutive rules share the derived objects, and a newly derived environment equal to the
 * previous one is replaced by the previous instance. This keeps a million similar rules to a few
 * small objects each.
 *
 * <p>The environment holds every exported variable that has a value, plus {@code CATEGORY, CORES,
 * MEMORY, DISK, GPUS, MPI_PROCESSES, WALL_TIME} when they have one, plus {@code OMP_NUM_THREADS}
 * equal to {@code CORES} when it is not exported itself. One pair of quotes around a value is
 * removed, since no shell reads the environment.
 */
final class RuleFactory {
  private static final List<String> ALWAYS_EXPORTED =
      List.of("CATEGORY", "CORES", "MEMORY", "DISK", "GPUS", "MPI_PROCESSES", "WALL_TIME");

  private final Scopes scopes;
  private int generation = -1;
  private String category;
  private Resources resources = Resources.NONE;
  private Map<String, String> environment = Map.of();
  private String batchOptions;
  private boolean batchLocal;

  RuleFactory(Scopes scopes) {
    this.scopes = scopes;
  }

  /**
   * The rule with {@code command} (already expanded) after its modifiers: a leading {@code LOCAL}
   * makes it local, a leading {@code MAKEFLOW file} a sub-workflow.
   *
   * @throws LineError when a modifier has nothing after it or {@code MAKEFLOW} names more than a
   *     file
   */
  Rule build(int id, int line, List<FileRef> targets, List<FileRef> sources, String command)
      throws LineError {
    derive();
    boolean local = batchLocal;
    Rule.Kind kind = Rule.Kind.COMMAND;
    if (startsWithWord(command, "LOCAL")) {
      local = true;
      command = command.substring(5).strip();
      if (command.isEmpty()) {
        throw new LineError("LOCAL must be followed by a command — write LOCAL <command>");
      }
    }
    if (startsWithWord(command, "MAKEFLOW")) {
      kind = Rule.Kind.WORKFLOW;
      List<FileRef> words = FileList.parse(command.substring(8));
      if (words.size() != 1 || words.get(0).renamed()) {
        throw new LineError(
            "MAKEFLOW takes exactly one workflow file, got '"
                + command.substring(8).strip()
                + "' — write MAKEFLOW <file>; to run it elsewhere use the JX form with \"args\"");
      }
      command = words.get(0).dagName();
    }
    return new Rule(
        id,
        line,
        targets,
        sources,
        command,
        kind,
        local,
        category,
        resources,
        environment,
        batchOptions,
        null,
        Map.of());
  }

  private void derive() {
    String now = scopes.ruleCategory();
    if (scopes.generation() == generation && now.equals(category)) {
      return;
    }
    generation = scopes.generation();
    category = now;
    Resources r = ResourceValues.read(scopes::lookup);
    resources = r.equals(resources) ? resources : r;
    Map<String, String> env = deriveEnvironment();
    environment = env.equals(environment) ? environment : env;
    batchOptions = scopes.lookup("BATCH_OPTIONS");
    batchLocal = isTrue(scopes.lookup("BATCH_LOCAL"));
  }

  private Map<String, String> deriveEnvironment() {
    Map<String, String> env = new HashMap<>();
    for (String name : scopes.exported()) {
      putIfSet(env, name);
    }
    for (String name : ALWAYS_EXPORTED) {
      putIfSet(env, name);
    }
    if (env.containsKey("CATEGORY")) {
      env.put("CATEGORY", category);
    }
    String cores = env.get("CORES");
    if (cores != null && !env.containsKey("OMP_NUM_THREADS")) {
      env.put("OMP_NUM_THREADS", cores);
    }
    return Map.copyOf(env);
  }

  private void putIfSet(Map<String, String> env, String name) {
    String value = scopes.lookup(name);
    if (value != null) {
      env.put(name, Quoting.dequoteWhole(value));
    }
  }

  private static boolean startsWithWord(String command, String word) {
    return command.startsWith(word)
        && (command.length() == word.length()
            || command.charAt(word.length()) == ' '
            || command.charAt(word.length()) == '\t');
  }

  /** {@code true}, {@code yes}, {@code on} (any case) or a non-zero integer. */
  static boolean isTrue(String value) {
    if (value == null) {
      return false;
    }
    String v = Quoting.dequoteWhole(value.strip()).toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("yes") || v.equals("on")) {
      return true;
    }
    try {
      return Long.parseLong(v) != 0;
    } catch (NumberFormatException e) {
      return false; // any other word is not a true value
    }
  }
}
