package dev.shoal.web;

import dev.shoal.web.AllocationLine.CategoryAllocation;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * What the attempts of one category (or of the whole run) did and used.
 *
 * <p>Allocated versus used — the "CPU usage" of Tovar et al. (TPDS 2018): allocated core-seconds
 * are cores allocated × wall time of each attempt, used core-seconds are its CPU time; memory
 * likewise with peak memory × wall time as the use. Both sums run over the attempts that have an
 * allocation of that resource <em>and</em> a measurement, so that an attempt without a summary
 * neither inflates nor deflates the ratio; {@link #measuredAttempts} says how many had a summary.
 *
 * @param name the category, or {@code "all"} for the run's total
 * @param attempts task attempts
 * @param completed attempts that completed
 * @param failed attempts that failed
 * @param wallTime wall time of the attempts that ended, seconds (from the log)
 * @param cpuTime CPU time, seconds (measured)
 * @param cores peak cores in use (measured)
 * @param memory peak memory, MB (measured)
 * @param disk peak disk, MB (measured)
 * @param allocations the category's allocation over time, in log order; empty for the total
 */
public record CategoryStats(
    String name,
    int attempts,
    int completed,
    int failed,
    int measuredAttempts,
    Stat wallTime,
    Stat cpuTime,
    Stat cores,
    Stat memory,
    Stat disk,
    double allocatedCoreSeconds,
    double usedCoreSeconds,
    double allocatedMemoryMbSeconds,
    double usedMemoryMbSeconds,
    List<CategoryAllocation> allocations) {

  public CategoryStats {
    Objects.requireNonNull(name, "name");
    allocations = List.copyOf(allocations);
  }

  /** Summarises {@code attempts} (all of category {@code name}, or any for the total). */
  static CategoryStats of(
      String name, List<TaskAttempt> attempts, List<CategoryAllocation> allocations) {
    double allocCores = 0;
    double usedCores = 0;
    double allocMem = 0;
    double usedMem = 0;
    int measured = 0;
    for (TaskAttempt a : attempts) {
      measured += a.usage().measured() ? 1 : 0;
      if (!Double.isNaN(a.allocatedCoreSeconds()) && !Double.isNaN(a.usedCoreSeconds())) {
        allocCores += a.allocatedCoreSeconds();
        usedCores += a.usedCoreSeconds();
      }
      if (!Double.isNaN(a.allocatedMemoryMbSeconds()) && !Double.isNaN(a.usedMemoryMbSeconds())) {
        allocMem += a.allocatedMemoryMbSeconds();
        usedMem += a.usedMemoryMbSeconds();
      }
    }
    List<TaskAttempt> ended =
        attempts.stream().filter(a -> a.outcome() != TaskAttempt.Outcome.RUNNING).toList();
    return new CategoryStats(
        name,
        attempts.size(),
        count(attempts, TaskAttempt.Outcome.COMPLETE),
        count(attempts, TaskAttempt.Outcome.FAILED),
        measured,
        stat(ended, TaskAttempt::wallSeconds),
        stat(attempts, a -> a.usage().cpuTimeS()),
        stat(attempts, a -> a.usage().cores()),
        stat(attempts, a -> a.usage().memoryMb()),
        stat(attempts, a -> a.usage().diskMb()),
        allocCores,
        usedCores,
        allocMem,
        usedMem,
        allocations);
  }

  /** Used / allocated core-seconds, NaN if nothing was both allocated and measured. */
  public double cpuUsage() {
    return allocatedCoreSeconds > 0 ? usedCoreSeconds / allocatedCoreSeconds : Double.NaN;
  }

  /** Used / allocated memory-seconds, NaN if nothing was both allocated and measured. */
  public double memoryUsage() {
    return allocatedMemoryMbSeconds > 0
        ? usedMemoryMbSeconds / allocatedMemoryMbSeconds
        : Double.NaN;
  }

  /** The allocation in force at the end of the log, {@link Allocation#UNKNOWN} if none. */
  public Allocation lastAllocation() {
    return allocations.isEmpty() ? Allocation.UNKNOWN : allocations.getLast().allocation();
  }

  private static int count(List<TaskAttempt> attempts, TaskAttempt.Outcome outcome) {
    return (int) attempts.stream().filter(a -> a.outcome() == outcome).count();
  }

  private static Stat stat(List<TaskAttempt> attempts, ToDoubleFunction<TaskAttempt> f) {
    return Stat.of(attempts.stream().mapToDouble(f).toArray());
  }
}
