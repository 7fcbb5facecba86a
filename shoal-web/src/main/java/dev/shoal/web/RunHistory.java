package dev.shoal.web;

import dev.shoal.engine.log.LogReader;
import dev.shoal.engine.log.LogRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened in a workflow's runs, as its transaction log and resource summaries tell: every
 * task attempt with its allocation and measured use, and per category the totals. Immutable.
 *
 * <p>The whole log is covered: after a restart the attempts of every run are included and the time
 * axis runs from the first {@code # STARTED} to the last line. An attempt whose run was killed is
 * {@link TaskAttempt.Outcome#INTERRUPTED}.
 *
 * @param workflow the workflow's name, for titles
 * @param startMicros the first {@code # STARTED}, else the first timestamp (Unix µs)
 * @param endMicros the last timestamp of the log
 * @param runs number of {@code # STARTED} markers
 * @param rules number of rules in the workflow
 * @param rulesComplete rules whose last logged state is COMPLETE
 * @param rulesFailed rules whose last logged state is FAILED or ABORTED
 * @param attempts every attempt, by start time
 * @param categories per category, by name
 * @param total the same over every attempt (name {@code "all"}, no allocations)
 * @param warnings what was ignored: torn lines, malformed allocation lines, unreadable summaries
 */
public record RunHistory(
    String workflow,
    long startMicros,
    long endMicros,
    int runs,
    int rules,
    int rulesComplete,
    int rulesFailed,
    List<TaskAttempt> attempts,
    List<CategoryStats> categories,
    CategoryStats total,
    List<String> warnings) {

  public RunHistory {
    Objects.requireNonNull(workflow, "workflow");
    attempts = List.copyOf(attempts);
    categories = List.copyOf(categories);
    Objects.requireNonNull(total, "total");
    warnings = List.copyOf(warnings);
  }

  /**
   * Reads a log and, if {@code summaries} is not null, the {@code resource-rule-N.summary} files in
   * it.
   *
   * @param workflow name for titles
   * @param ruleCategory category of each rule by rule id; rules not in it are {@code default}
   * @param summaries the monitor's output directory, or {@code null}; a missing directory is a
   *     warning, not an error (the run may not have been monitored)
   * @throws java.nio.file.NoSuchFileException if there is no log
   * @throws dev.shoal.engine.log.CorruptLogException if a line other than the last does not parse
   * @throws IOException if a file cannot be read
   */
  public static RunHistory read(
      Path log, String workflow, Map<Integer, String> ruleCategory, Path summaries)
      throws IOException {
    HistoryBuilder b = new HistoryBuilder(workflow, ruleCategory);
    List<String> warnings = new ArrayList<>(LogReader.read(log, b));
    Map<Integer, Usage> usage = Map.of();
    if (summaries != null) {
      if (Files.isDirectory(summaries)) {
        usage = Summaries.readDirectory(summaries, warnings);
      } else {
        warnings.add(summaries + ": no such directory; no measured use is shown");
      }
    }
    return b.build(usage, warnings);
  }

  /** The history of {@code records} (in log order) with {@code usage} by rule id. Pure. */
  public static RunHistory of(
      String workflow,
      Iterable<? extends LogRecord> records,
      Map<Integer, String> ruleCategory,
      Map<Integer, Usage> usage) {
    HistoryBuilder b = new HistoryBuilder(workflow, ruleCategory);
    records.forEach(b);
    return b.build(usage, List.of());
  }

  /** From start to end, seconds. */
  public double durationSeconds() {
    return (endMicros - startMicros) / 1e6;
  }

  /** True if some attempt had a known allocation. */
  public boolean hasAllocations() {
    return attempts.stream().anyMatch(a -> !a.allocation().isUnknown());
  }

  /** True if some attempt had a resource summary. */
  public boolean hasUsage() {
    return attempts.stream().anyMatch(a -> a.usage().measured());
  }
}
