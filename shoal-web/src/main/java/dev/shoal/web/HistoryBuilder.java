package dev.shoal.web;

import dev.shoal.engine.log.FileStatus;
import dev.shoal.engine.log.LogRecord;
import dev.shoal.engine.log.NodeStatus;
import dev.shoal.lang.model.Category;
import dev.shoal.web.AllocationLine.CategoryAllocation;
import dev.shoal.web.AllocationLine.TaskAllocation;
import dev.shoal.web.TaskAttempt.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns log records, in order, into task attempts. Single use, not thread-safe: feed every record
 * to {@link #accept}, then call {@link #build} once.
 */
final class HistoryBuilder implements Consumer<LogRecord> {

  private record Open(long startMicros, long jobId, Allocation allocation, int attempt) {}

  private final String workflow;
  private final Map<Integer, String> ruleCategory;
  private final Map<Integer, Open> open = new HashMap<>();
  private final Map<Integer, Allocation> pendingTask = new HashMap<>();
  private final Map<Integer, Integer> attemptsPerRule = new HashMap<>();
  private final Map<Integer, NodeStatus> lastState = new TreeMap<>();
  private final Map<String, List<CategoryAllocation>> categoryAllocations = new LinkedHashMap<>();
  private final List<TaskAttempt> attempts = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private long firstMicros = -1;
  private long startedMicros = -1;
  private long lastMicros = -1;

  /** Last timestamp of a line that shows the run moving: not a reset, deletion or batch log. */
  private long progressMicros = -1;

  private int runs;
  private int total;

  HistoryBuilder(String workflow, Map<Integer, String> ruleCategory) {
    this.workflow = workflow;
    this.ruleCategory = Map.copyOf(ruleCategory);
  }

  @Override
  public void accept(LogRecord r) {
    switch (r) {
      case LogRecord.NodeState n -> node(n);
      case LogRecord.FileState f -> {
        time(f.timestampMicros());
        if (f.status() != FileStatus.DELETE && !f.name().endsWith(".batchlog")) {
          progressMicros = f.timestampMicros();
        }
      }
      case LogRecord.Marker m -> {
        time(m.timestampMicros());
        if (m.kind() == LogRecord.Marker.Kind.STARTED) {
          runs++;
          startedMicros = startedMicros < 0 ? m.timestampMicros() : startedMicros;
          interruptAll();
        }
      }
      case LogRecord.Gc g -> time(g.timestampMicros());
      case LogRecord.Event e -> time(e.timestampMicros());
      case LogRecord.Other o -> other(o.line());
    }
  }

  private void node(LogRecord.NodeState n) {
    time(n.timestampMicros());
    total = Math.max(total, n.total());
    int rule = n.nodeId();
    lastState.put(rule, n.status());
    switch (n.status()) {
      case RUNNING -> {
        interrupt(rule);
        int attempt = attemptsPerRule.merge(rule, 1, Integer::sum);
        Allocation a = pendingTask.remove(rule);
        if (a == null) {
          a = categoryAllocationAt(category(rule));
        }
        open.put(rule, new Open(n.timestampMicros(), n.jobId(), a, attempt));
      }
      case COMPLETE -> close(rule, n.timestampMicros(), Outcome.COMPLETE);
      case FAILED -> close(rule, n.timestampMicros(), Outcome.FAILED);
      case ABORTED -> close(rule, n.timestampMicros(), Outcome.ABORTED);
      case WAITING -> interrupt(rule);
    }
    if (n.status() != NodeStatus.WAITING) {
      progressMicros = n.timestampMicros();
    }
  }

  private void other(String line) {
    Optional<AllocationLine> parsed;
    try {
      parsed = AllocationLine.parse(line);
    } catch (IllegalArgumentException e) {
      warnings.add(e.getMessage() + "; ignored");
      return;
    }
    if (parsed.isEmpty()) {
      return;
    }
    time(parsed.get().timestampMicros());
    switch (parsed.get()) {
      case CategoryAllocation c ->
          categoryAllocations.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c);
      case TaskAllocation t -> pendingTask.put(t.ruleId(), t.allocation());
    }
  }

  private void time(long micros) {
    if (firstMicros < 0) {
      firstMicros = micros;
    }
    lastMicros = Math.max(lastMicros, micros);
  }

  private String category(int rule) {
    return ruleCategory.getOrDefault(rule, Category.DEFAULT);
  }

  private Allocation categoryAllocationAt(String category) {
    List<CategoryAllocation> list = categoryAllocations.get(category);
    return list == null ? Allocation.UNKNOWN : list.getLast().allocation();
  }

  private void close(int rule, long endMicros, Outcome outcome) {
    Open o = open.remove(rule);
    if (o == null) {
      return; // a hand-written log may mark a node done that never ran: nothing to report
    }
    attempts.add(
        new TaskAttempt(
            rule,
            category(rule),
            o.attempt(),
            o.jobId(),
            o.startMicros(),
            Math.max(endMicros, o.startMicros()),
            outcome,
            o.allocation(),
            Usage.NONE));
  }

  private void interrupt(int rule) {
    if (open.containsKey(rule)) {
      close(rule, Math.max(progressMicros, open.get(rule).startMicros()), Outcome.INTERRUPTED);
    }
  }

  private void interruptAll() {
    for (Integer rule : List.copyOf(open.keySet())) {
      interrupt(rule);
    }
  }

  /** The history; {@code usage} (by rule) goes to each rule's last attempt. */
  RunHistory build(Map<Integer, Usage> usage, List<String> moreWarnings) {
    for (Map.Entry<Integer, Open> e : List.copyOf(open.entrySet())) {
      close(e.getKey(), lastMicros, Outcome.RUNNING);
    }
    attempts.sort(
        Comparator.comparingLong(TaskAttempt::startMicros).thenComparingInt(TaskAttempt::ruleId));
    Map<Integer, Integer> lastIndex = new HashMap<>();
    for (int i = 0; i < attempts.size(); i++) {
      lastIndex.put(attempts.get(i).ruleId(), i);
    }
    for (Map.Entry<Integer, Usage> e : usage.entrySet()) {
      Integer i = lastIndex.get(e.getKey());
      if (i == null) {
        warnings.add("summary of rule " + e.getKey() + " left out: the log has no run of it");
        continue;
      }
      TaskAttempt a = attempts.get(i);
      attempts.set(
          i,
          new TaskAttempt(
              a.ruleId(),
              a.category(),
              a.attempt(),
              a.jobId(),
              a.startMicros(),
              a.endMicros(),
              a.outcome(),
              a.allocation(),
              e.getValue()));
    }
    Map<String, List<TaskAttempt>> byCategory = new TreeMap<>();
    for (TaskAttempt a : attempts) {
      byCategory.computeIfAbsent(a.category(), k -> new ArrayList<>()).add(a);
    }
    for (String c : categoryAllocations.keySet()) {
      byCategory.computeIfAbsent(c, k -> new ArrayList<>());
    }
    List<CategoryStats> categories = new ArrayList<>();
    for (Map.Entry<String, List<TaskAttempt>> e : byCategory.entrySet()) {
      List<CategoryAllocation> changes = categoryAllocations.get(e.getKey());
      categories.add(
          CategoryStats.of(
              e.getKey(),
              e.getValue(),
              changes != null ? changes : fromTasks(e.getKey(), e.getValue())));
    }
    int complete = 0;
    int failed = 0;
    for (NodeStatus s : lastState.values()) {
      complete += s == NodeStatus.COMPLETE ? 1 : 0;
      failed += s == NodeStatus.FAILED || s == NodeStatus.ABORTED ? 1 : 0;
    }
    List<String> allWarnings = new ArrayList<>(moreWarnings);
    allWarnings.addAll(warnings);
    long start = startedMicros >= 0 ? startedMicros : Math.max(firstMicros, 0);
    return new RunHistory(
        workflow,
        start,
        Math.max(lastMicros, start),
        runs,
        Math.max(total, ruleCategory.size()),
        complete,
        failed,
        attempts,
        categories,
        CategoryStats.of("all", attempts, List.of()),
        allWarnings);
  }

  /** Without {@code # ALLOCATION} lines: the allocations its tasks were given, as they changed. */
  private static List<CategoryAllocation> fromTasks(String category, List<TaskAttempt> attempts) {
    List<CategoryAllocation> changes = new ArrayList<>();
    for (TaskAttempt a : attempts) {
      if (!a.allocation().isUnknown()
          && (changes.isEmpty() || !changes.getLast().allocation().equals(a.allocation()))) {
        changes.add(new CategoryAllocation(a.startMicros(), category, a.allocation()));
      }
    }
    return changes;
  }
}
