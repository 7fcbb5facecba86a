package dev.shoal.engine.dag;

import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The immutable graph of a workflow: rules, the files they join, who makes and who reads each file.
 *
 * <p>Files are numbered {@code 0..fileCount()-1} in order of first mention; adjacency is kept in
 * flat int arrays (compressed rows) so a million-rule workflow costs a few dozen bytes per edge.
 * Built in time linear in rules plus file mentions. Safe to share between threads.
 */
public final class Dag {
  private final Workflow workflow;
  private final String[] fileNames;
  private final int[] producer; // file -> rule, or -1 for a source
  private final int[] ruleSourceStart; // rule -> offset into ruleSources
  private final int[] ruleSources; // distinct input file ids per rule
  private final int[] ruleTargetStart;
  private final int[] ruleTargets;
  private final int[] consumerStart; // file -> offset into consumers
  private final int[] consumers; // distinct rules reading each file
  private final boolean[] output; // final output: never collected
  private final boolean[] protectedInput; // MAKEFLOW_INPUTS

  private Dag(Workflow workflow, FileTable files, int[][] sources, int[][] targets) {
    this.workflow = workflow;
    int nRules = workflow.rules().size();
    this.fileNames = files.names();
    int nFiles = fileNames.length;
    this.producer = new int[nFiles];
    Arrays.fill(producer, -1);
    this.ruleSourceStart = new int[nRules + 1];
    this.ruleTargetStart = new int[nRules + 1];
    int ns = 0;
    int nt = 0;
    for (int r = 0; r < nRules; r++) {
      ns += sources[r].length;
      nt += targets[r].length;
    }
    this.ruleSources = new int[ns];
    this.ruleTargets = new int[nt];
    int[] consumerCount = new int[nFiles];
    ns = 0;
    nt = 0;
    for (int r = 0; r < nRules; r++) {
      ruleSourceStart[r] = ns;
      for (int f : sources[r]) {
        ruleSources[ns++] = f;
        consumerCount[f]++;
      }
      ruleTargetStart[r] = nt;
      for (int f : targets[r]) {
        ruleTargets[nt++] = f;
        if (producer[f] < 0) {
          producer[f] = r;
        }
      }
    }
    ruleSourceStart[nRules] = ns;
    ruleTargetStart[nRules] = nt;
    this.consumerStart = new int[nFiles + 1];
    for (int f = 0; f < nFiles; f++) {
      consumerStart[f + 1] = consumerStart[f] + consumerCount[f];
    }
    this.consumers = new int[ns];
    int[] fill = Arrays.copyOf(consumerStart, nFiles);
    for (int r = 0; r < nRules; r++) {
      for (int i = ruleSourceStart[r]; i < ruleSourceStart[r + 1]; i++) {
        consumers[fill[ruleSources[i]]++] = r;
      }
    }
    this.output = new boolean[nFiles];
    this.protectedInput = new boolean[nFiles];
    Set<String> declared = workflow.outputs();
    for (int f = 0; f < nFiles; f++) {
      output[f] = declared == null ? consumerCount[f] == 0 : declared.contains(fileNames[f]);
      protectedInput[f] = workflow.gcInputs().contains(fileNames[f]);
    }
  }

  /** Builds the graph of {@code workflow}. The workflow must have passed its checks. */
  public static Dag of(Workflow workflow) {
    List<Rule> rules = workflow.rules();
    FileTable files = new FileTable(rules.size() * 2 + 16);
    int[][] sources = new int[rules.size()][];
    int[][] targets = new int[rules.size()][];
    for (Rule rule : rules) {
      sources[rule.id()] = files.distinctIds(rule.sources());
      targets[rule.id()] = files.distinctIds(rule.targets());
    }
    return new Dag(workflow, files, sources, targets);
  }

  public Workflow workflow() {
    return workflow;
  }

  public Rule rule(int id) {
    return workflow.rules().get(id);
  }

  public int ruleCount() {
    return ruleSourceStart.length - 1;
  }

  public int fileCount() {
    return fileNames.length;
  }

  public String fileName(int file) {
    return fileNames[file];
  }

  /** The rule that makes {@code file}, or -1 when it is a source of the workflow. */
  public int producer(int file) {
    return producer[file];
  }

  /** Distinct input files of {@code rule}. The array is a copy. */
  public int[] sources(int rule) {
    return Arrays.copyOfRange(ruleSources, ruleSourceStart[rule], ruleSourceStart[rule + 1]);
  }

  /** Distinct output files of {@code rule}. The array is a copy. */
  public int[] targets(int rule) {
    return Arrays.copyOfRange(ruleTargets, ruleTargetStart[rule], ruleTargetStart[rule + 1]);
  }

  /** Calls {@code action} with each input file of {@code rule}. */
  public void forEachSource(int rule, IntAction action) {
    for (int i = ruleSourceStart[rule]; i < ruleSourceStart[rule + 1]; i++) {
      action.accept(ruleSources[i]);
    }
  }

  /** Calls {@code action} with each output file of {@code rule}. */
  public void forEachTarget(int rule, IntAction action) {
    for (int i = ruleTargetStart[rule]; i < ruleTargetStart[rule + 1]; i++) {
      action.accept(ruleTargets[i]);
    }
  }

  /** Calls {@code action} with each rule that reads {@code file}. */
  public void forEachConsumer(int file, IntAction action) {
    for (int i = consumerStart[file]; i < consumerStart[file + 1]; i++) {
      action.accept(consumers[i]);
    }
  }

  /** True when {@code file} is a final output (MAKEFLOW_OUTPUTS, or read by no rule). */
  public boolean isOutput(int file) {
    return output[file];
  }

  /** True when {@code file} is a source or named in MAKEFLOW_INPUTS: never deleted. */
  public boolean isProtected(int file) {
    return protectedInput[file] || producer[file] < 0;
  }

  /** An int consumer that does not box. */
  @FunctionalInterface
  public interface IntAction {
    void accept(int value);
  }

  /** Interns file names to dense ids. */
  private static final class FileTable {
    private final Map<String, Integer> ids;
    private String[] names;
    private int size;

    FileTable(int expected) {
      ids = new HashMap<>(expected);
      names = new String[Math.max(16, expected)];
    }

    int id(String name) {
      Integer id = ids.get(name);
      if (id != null) {
        return id;
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
      }
      names[size] = name;
      ids.put(name, size);
      return size++;
    }

    int[] distinctIds(List<FileRef> refs) {
      int[] out = new int[refs.size()];
      int n = 0;
      outer:
      for (FileRef ref : refs) {
        int id = id(ref.dagName());
        for (int i = 0; i < n; i++) {
          if (out[i] == id) {
            continue outer;
          }
        }
        out[n++] = id;
      }
      return n == out.length ? out : Arrays.copyOf(out, n);
    }

    String[] names() {
      return Arrays.copyOf(names, size);
    }
  }
}
