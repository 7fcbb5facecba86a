package dev.shoal.lang;

import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * Checks that a parsed workflow can run: every target is made by one rule, every input either
 * exists or is made by a rule, and no rule depends on its own outputs through a cycle.
 *
 * <p>Runs in time linear in the number of rules and files named, without recursion, so chains of
 * millions of rules are fine. Stateless and thread-safe.
 */
public final class WorkflowChecker {
  /** Longer cycles are shown by their first files only. */
  private static final int MAX_SHOWN = 20;

  private WorkflowChecker() {}

  /**
   * Every problem found, sorted by line; empty when the workflow is sound. Diagnostics name the
   * file as {@code w.file().toString()}.
   *
   * @param sourceExists tells whether a file that no rule makes exists (relative names are as
   *     written in the workflow); called at most once per such file
   */
  public static List<Diagnostic> check(Workflow w, Predicate<String> sourceExists) {
    String file = w.file().toString();
    List<Rule> rules = w.rules();
    List<Diagnostic> out = new ArrayList<>();
    Map<String, Integer> producer = new HashMap<>(Math.max(16, rules.size() * 2));
    for (int r = 0; r < rules.size(); r++) {
      for (FileRef t : rules.get(r).targets()) {
        Integer first = producer.putIfAbsent(t.dagName(), r);
        if (first != null && first != r) {
          out.add(
              new Diagnostic(
                  file,
                  rules.get(r).line(),
                  t.dagName()
                      + " is made by two rules, here and at line "
                      + rules.get(first).line()
                      + " — keep one"));
        }
      }
    }
    Graph graph = Graph.of(rules, producer);
    Set<String> reported = new HashSet<>();
    for (Rule rule : rules) {
      for (FileRef s : rule.sources()) {
        String name = s.dagName();
        if (!producer.containsKey(name) && reported.add(name) && !sourceExists.test(name)) {
          out.add(
              new Diagnostic(
                  file,
                  rule.line(),
                  "input "
                      + name
                      + " does not exist and no rule makes it — create it or add a rule that"
                      + " makes it"));
        }
      }
    }
    for (int[] cycle : graph.cycles()) {
      out.add(describe(file, rules, producer, cycle));
    }
    out.sort(null);
    return out;
  }

  /**
   * Describes a cycle given as rules in dependency order (each depends on the next, the last on the
   * first) as files in data-flow order, starting at the rule with the lowest line.
   */
  private static Diagnostic describe(
      String file, List<Rule> rules, Map<String, Integer> producer, int[] cycle) {
    int k = cycle.length;
    int[] flow = new int[k]; // data-flow order: each rule makes an input of the next
    for (int i = 0; i < k; i++) {
      flow[i] = cycle[k - 1 - i];
    }
    int start = 0;
    for (int i = 1; i < k; i++) {
      if (rules.get(flow[i]).line() < rules.get(flow[start]).line()) {
        start = i;
      }
    }
    StringJoiner files = new StringJoiner(" -> ");
    StringJoiner lines = new StringJoiner(", ");
    for (int i = 0; i <= k; i++) {
      if (i == MAX_SHOWN && k > MAX_SHOWN) {
        files.add("... (" + (k - MAX_SHOWN) + " more)");
        lines.add("...");
        i = k;
      }
      int maker = flow[(start + i) % k];
      int reader = flow[(start + i + 1) % k];
      files.add(link(rules.get(maker), rules.get(reader), producer, maker));
      if (i < k) {
        lines.add(Integer.toString(rules.get(maker).line()));
      }
    }
    return new Diagnostic(
        file,
        rules.get(flow[start]).line(),
        "cycle: "
            + files
            + " — each file is needed to make the next (rules at lines "
            + lines
            + "); remove one of these dependencies");
  }

  /** The first input of {@code reader} that {@code maker} (rule index {@code makerId}) makes. */
  private static String link(Rule maker, Rule reader, Map<String, Integer> producer, int makerId) {
    for (FileRef s : reader.sources()) {
      Integer p = producer.get(s.dagName());
      if (p != null && p == makerId) {
        return s.dagName();
      }
    }
    return maker.targets().get(0).dagName();
  }

  /** Rule dependencies in compressed rows: rule r depends on {@code deps[start[r]..start[r+1])}. */
  private record Graph(int[] start, int[] deps) {

    static Graph of(List<Rule> rules, Map<String, Integer> producer) {
      int n = rules.size();
      int[] start = new int[n + 1];
      int m = 0;
      for (int r = 0; r < n; r++) {
        start[r] = m;
        for (FileRef s : rules.get(r).sources()) {
          if (producer.containsKey(s.dagName())) {
            m++;
          }
        }
      }
      start[n] = m;
      int[] deps = new int[m];
      int e = 0;
      for (Rule rule : rules) {
        for (FileRef s : rule.sources()) {
          Integer p = producer.get(s.dagName());
          if (p != null) {
            deps[e++] = p;
          }
        }
      }
      return new Graph(start, deps);
    }

    /**
     * One cycle per back edge met by an iterative depth-first search, each as rules in dependency
     * order.
     */
    List<int[]> cycles() {
      int n = start.length - 1;
      byte[] state = new byte[n]; // 0 unvisited, 1 on the stack, 2 finished
      int[] stack = new int[n];
      int[] next = new int[n]; // next edge to follow, per rule on the stack
      List<int[]> cycles = new ArrayList<>();
      for (int root = 0; root < n; root++) {
        if (state[root] != 0) {
          continue;
        }
        int depth = 0;
        stack[depth++] = root;
        state[root] = 1;
        next[root] = start[root];
        while (depth > 0) {
          int r = stack[depth - 1];
          if (next[r] == start[r + 1]) {
            state[r] = 2;
            depth--;
            continue;
          }
          int d = deps[next[r]++];
          if (state[d] == 0) {
            state[d] = 1;
            next[d] = start[d];
            stack[depth++] = d;
          } else if (state[d] == 1) {
            int from = depth - 1;
            while (stack[from] != d) {
              from--;
            }
            int[] cycle = new int[depth - from];
            System.arraycopy(stack, from, cycle, 0, cycle.length);
            cycles.add(cycle);
          }
        }
      }
      return cycles;
    }
  }
}
