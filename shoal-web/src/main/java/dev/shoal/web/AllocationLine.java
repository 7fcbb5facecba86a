package dev.shoal.web;

import java.util.Objects;
import java.util.Optional;

/**
 * The job-sizing lines the engine adds to the transaction log (cctools ignores unknown {@code #}
 * lines, so a log with them still reads there):
 *
 * <pre>
 * # ALLOCATION &lt;timestamp_us&gt; &lt;category&gt; cores=&lt;n&gt; memory=&lt;MB&gt; disk=&lt;MB&gt; gpus=&lt;n&gt;
 * # TASK_ALLOCATION &lt;timestamp_us&gt; &lt;rule_id&gt; cores=&lt;n&gt; memory=&lt;MB&gt; disk=&lt;MB&gt;
 * </pre>
 *
 * The first says a category's allocation changed; the second, written just before a node's RUNNING
 * line, what one task attempt was given. Fields after the category or rule are {@code key=value}
 * separated by white space; any may be missing (then unknown), unknown keys are ignored so that
 * later engines can add some.
 */
public sealed interface AllocationLine {

  /** When, Unix microseconds. */
  long timestampMicros();

  /** The resources named on the line. */
  Allocation allocation();

  /** {@code # ALLOCATION}: the category's allocation from now on. */
  record CategoryAllocation(long timestampMicros, String category, Allocation allocation)
      implements AllocationLine {
    public CategoryAllocation {
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(allocation, "allocation");
    }
  }

  /** {@code # TASK_ALLOCATION}: what the next attempt of rule {@code ruleId} runs with. */
  record TaskAllocation(long timestampMicros, int ruleId, Allocation allocation)
      implements AllocationLine {
    public TaskAllocation {
      if (ruleId < 0) {
        throw new IllegalArgumentException("rule id " + ruleId + " is negative");
      }
      Objects.requireNonNull(allocation, "allocation");
    }
  }

  /**
   * Parses one log line. A pure function.
   *
   * @param line a whole line without its line break (as in {@code LogRecord.Other})
   * @return empty if the line is not an allocation line at all
   * @throws IllegalArgumentException if it is one but is malformed; the message quotes the line and
   *     says what is wrong
   */
  static Optional<AllocationLine> parse(String line) {
    String[] t = line.strip().split("\\s+");
    if (t.length < 2 || !t[0].equals("#")) {
      return Optional.empty();
    }
    boolean task = t[1].equals("TASK_ALLOCATION");
    if (!task && !t[1].equals("ALLOCATION")) {
      return Optional.empty();
    }
    if (t.length < 4) {
      throw bad(line, "expected a timestamp and a " + (task ? "rule id" : "category"));
    }
    long ts;
    try {
      ts = Long.parseLong(t[2]);
    } catch (NumberFormatException e) {
      throw bad(line, "timestamp '" + t[2] + "' is not a whole number of microseconds");
    }
    double cores = Double.NaN;
    double memory = Double.NaN;
    double disk = Double.NaN;
    double gpus = Double.NaN;
    for (int i = 4; i < t.length; i++) {
      int eq = t[i].indexOf('=');
      if (eq <= 0) {
        throw bad(line, "'" + t[i] + "' is not key=value");
      }
      String key = t[i].substring(0, eq);
      double value;
      try {
        value = Double.parseDouble(t[i].substring(eq + 1));
      } catch (NumberFormatException e) {
        throw bad(line, "value of " + key + " is not a number");
      }
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw bad(line, "value of " + key + " must be a finite number >= 0");
      }
      switch (key) {
        case "cores" -> cores = value;
        case "memory" -> memory = value;
        case "disk" -> disk = value;
        case "gpus" -> gpus = value;
        default -> {
          // a field a later engine added: not ours to judge
        }
      }
    }
    Allocation a = new Allocation(cores, memory, disk, gpus);
    if (!task) {
      return Optional.of(new CategoryAllocation(ts, t[3], a));
    }
    int rule;
    try {
      rule = Integer.parseInt(t[3]);
    } catch (NumberFormatException e) {
      throw bad(line, "rule id '" + t[3] + "' is not a number");
    }
    if (rule < 0) {
      throw bad(line, "rule id " + rule + " is negative");
    }
    return Optional.of(new TaskAllocation(ts, rule, a));
  }

  private static IllegalArgumentException bad(String line, String problem) {
    return new IllegalArgumentException("malformed allocation line \"" + line + "\": " + problem);
  }
}
