package dev.shoal.lang.make;

import dev.shoal.lang.model.AllocationMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directive lines: {@code .MAKEFLOW CATEGORY|CORES|MEMORY|DISK|WALL_TIME|MPI_PROCESSES value},
 * {@code .MAKEFLOW MODE MAX_THROUGHPUT|MIN_WASTE|FIXED|MAX}, {@code .SIZE file size} and {@code
 * .UMBRELLA SPEC file}. Values are literal: no {@code $} substitution, quotes only group.
 *
 * <p>{@code .MAKEFLOW} settings act exactly like the corresponding assignment at the same place
 * (rule-local between a rule's header and its command); {@code MODE} and {@code .UMBRELLA} apply to
 * the category in force. Not thread-safe; one instance per parse.
 */
final class Directives {

  /** Receives the assignment a {@code .MAKEFLOW} setting stands for. */
  @FunctionalInterface
  interface Assigner {
    void assign(String name, String value) throws LineError;
  }

  private static final String VALID =
      "valid directives are .MAKEFLOW CATEGORY|CORES|MEMORY|DISK|WALL_TIME|MPI_PROCESSES <value>,"
          + " .MAKEFLOW MODE MAX_THROUGHPUT|MIN_WASTE|FIXED|MAX, .SIZE <file> <size>"
          + " and .UMBRELLA SPEC <file>";

  private final Scopes scopes;
  private final Assigner assigner;
  private final Map<String, AllocationMode> modes = new HashMap<>();
  private final Map<String, String> umbrellaSpecs = new HashMap<>();
  private final Map<String, Long> sizeHints = new LinkedHashMap<>();

  Directives(Scopes scopes, Assigner assigner) {
    this.scopes = scopes;
    this.assigner = assigner;
  }

  /**
   * Applies one directive line.
   *
   * @throws LineError for an unknown or unsupported directive, a wrong number of values or a value
   *     that does not read
   */
  void apply(String text) throws LineError {
    List<String> words = words(text);
    String head = words.get(0);
    switch (head) {
      case ".MAKEFLOW" -> makeflow(words);
      case ".SIZE" -> {
        expect(words, 1, 2, ".SIZE <file> <size>, for example .SIZE data.bin 2G");
        sizeHints.put(words.get(1), ResourceValues.parseBytes(words.get(2)));
      }
      case ".UMBRELLA" -> {
        if (words.size() < 2 || !words.get(1).equals("SPEC")) {
          throw new LineError("unsupported directive " + text + " — " + VALID);
        }
        expect(words, 2, 1, ".UMBRELLA SPEC <file>, for example .UMBRELLA SPEC env.umbrella");
        umbrellaSpecs.put(scopes.ruleCategory(), words.get(2));
      }
      default -> throw new LineError("unknown directive " + head + " — " + VALID);
    }
  }

  private void makeflow(List<String> words) throws LineError {
    String key = words.size() > 1 ? words.get(1) : "";
    switch (key) {
      case "CATEGORY", "CORES", "MEMORY", "DISK", "WALL_TIME", "MPI_PROCESSES" -> {
        expect(words, 2, 1, ".MAKEFLOW " + key + " <value>, for example " + example(key));
        assigner.assign(key, words.get(2));
      }
      case "MODE" -> {
        expect(words, 2, 1, ".MAKEFLOW MODE MAX_THROUGHPUT|MIN_WASTE|FIXED|MAX");
        modes.put(scopes.ruleCategory(), mode(words.get(2)));
      }
      default -> {
        String hint =
            switch (key) {
              case "GPUS" -> " (set GPUS=<n> instead)";
              case "SIZE" -> " (use .SIZE <file> <size> instead)";
              default -> "";
            };
        throw new LineError("unsupported directive .MAKEFLOW " + key + hint + " — " + VALID);
      }
    }
  }

  private static AllocationMode mode(String word) throws LineError {
    return switch (word) {
      case "MAX_THROUGHPUT" -> AllocationMode.MAX_THROUGHPUT;
      case "MIN_WASTE" -> AllocationMode.MIN_WASTE;
      case "FIXED" -> AllocationMode.FIXED;
      case "MAX" -> AllocationMode.MAX;
      default ->
          throw new LineError(
              "unknown allocation mode " + word + " — use MAX_THROUGHPUT, MIN_WASTE, FIXED or MAX");
    };
  }

  private static String example(String key) {
    return switch (key) {
      case "CATEGORY" -> ".MAKEFLOW CATEGORY analysis";
      case "MEMORY", "DISK" -> ".MAKEFLOW " + key + " 2G";
      default -> ".MAKEFLOW " + key + " 4";
    };
  }

  private static void expect(List<String> words, int prefix, int values, String usage)
      throws LineError {
    if (words.size() != prefix + values) {
      throw new LineError(
          String.join(" ", words.subList(0, prefix))
              + " needs "
              + (values == 1 ? "one value" : values + " values")
              + " — write "
              + usage);
    }
  }

  /** Splits on white space; quotes group words and are removed. */
  private static List<String> words(String text) throws LineError {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (c == ' ' || c == '\t') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw Quoting.unterminated(quote);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  Map<String, AllocationMode> modes() {
    return modes;
  }

  Map<String, String> umbrellaSpecs() {
    return umbrellaSpecs;
  }

  Map<String, Long> sizeHints() {
    return sizeHints;
  }
}
