package dev.shoal.mesos.backend;

import java.util.Set;

/**
 * Which executor runs a task ({@code --mesos-executor}). The command executor starts one executor
 * (and one launcher JVM) per task: simple, isolated, and what a long task should use. The Shoal
 * executor ({@code dev.shoal.worker.launch.ShoalExecutor}) is started once per agent per run and
 * runs each task it is given in its own JVM, so a short task pays milliseconds instead of an
 * executor start.
 *
 * <p>The rule in {@link Mode#AUTO} (the default): a task goes to the Shoal executor unless its
 * category is long, that is named in {@code longCategories} ({@code --mesos-long-category}) or with
 * a finished task that ran {@code longAfterSeconds} (60) or more, measured by the back end; the
 * tasks of a long category go through the command executor from then on.
 *
 * @param cpus the executor's own cpus, taken from the first offer it is launched with on an agent
 * @param memMb the executor's own memory (its JVM runs with {@code -Xmx} a little below)
 * @param bundling when several short rules go to the Shoal executor as one Mesos task
 */
public record ExecutorChoice(
    Mode mode,
    Set<String> longCategories,
    double longAfterSeconds,
    double cpus,
    long memMb,
    Bundling bundling) {

  /** {@code --mesos-executor=auto|shoal|command}. */
  public enum Mode {
    /** Shoal executor for short categories, command executor for long ones. */
    AUTO,
    /** Every task in the Shoal executor. */
    SHOAL,
    /** Every task through the command executor (one launcher JVM per task). */
    COMMAND
  }

  public static final ExecutorChoice DEFAULT =
      new ExecutorChoice(Mode.AUTO, Set.of(), 60, 0.1, 160, Bundling.DEFAULT);

  public ExecutorChoice {
    longCategories = Set.copyOf(longCategories);
    java.util.Objects.requireNonNull(bundling, "bundling");
    if (cpus < 0 || memMb < 64) {
      throw new IllegalArgumentException(
          "the Shoal executor needs cpus >= 0 and at least 64 MB of memory, not "
              + cpus
              + " cpus and "
              + memMb
              + " MB");
    }
  }

  public ExecutorChoice withMode(Mode m) {
    return new ExecutorChoice(m, longCategories, longAfterSeconds, cpus, memMb, bundling);
  }

  public ExecutorChoice withLongCategories(Set<String> categories) {
    return new ExecutorChoice(mode, categories, longAfterSeconds, cpus, memMb, bundling);
  }

  public ExecutorChoice withResources(double newCpus, long newMemMb) {
    return new ExecutorChoice(mode, longCategories, longAfterSeconds, newCpus, newMemMb, bundling);
  }

  public ExecutorChoice withBundling(Bundling b) {
    return new ExecutorChoice(mode, longCategories, longAfterSeconds, cpus, memMb, b);
  }

  /** Whether a task of {@code category} goes to the Shoal executor. */
  boolean shoal(String category, Set<String> measuredLong) {
    return switch (mode) {
      case SHOAL -> true;
      case COMMAND -> false;
      case AUTO -> !longCategories.contains(category) && !measuredLong.contains(category);
    };
  }
}
