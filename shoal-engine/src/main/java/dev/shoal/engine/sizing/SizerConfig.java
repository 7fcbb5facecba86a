package dev.shoal.engine.sizing;

import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Category;
import dev.shoal.lang.model.Resources;
import java.util.Objects;

/**
 * What a {@link CategorySizer} is built from. Immutable.
 *
 * @param category the category name, for messages
 * @param mode the category's allocation mode
 * @param max the explicit maximum: the category's resources as the user wrote them ({@link
 *     Resources#UNSET} fields: none given); in {@link AllocationMode#FIXED} mode, the allocation
 * @param min the category minimum, never allocated below ({@link Resources#UNSET} fields: none)
 * @param worker the whole machine (the largest worker) a task could be given; what a task gets for
 *     a resource without an explicit maximum before steady state or when retried at the maximum
 * @param steadyTasks completions needed before the first allocation is computed, and between two
 *     recomputations (cctools {@code category-steady-n-tasks})
 */
public record SizerConfig(
    String category,
    AllocationMode mode,
    Resources max,
    Resources min,
    Resources worker,
    int steadyTasks) {

  /** The default of {@link #steadyTasks}. */
  public static final int DEFAULT_STEADY_TASKS = 25;

  public SizerConfig {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(worker, "worker");
    if (steadyTasks < 1) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": steady-state task count must be at least 1, not "
              + steadyTasks);
    }
  }

  /**
   * The configuration of a workflow category: its resources are the explicit maximum, no minimum,
   * 25 tasks to steady state.
   *
   * @param defaultMode the mode of a category that sets none ({@code --allocation}, else {@link
   *     AllocationOption#DEFAULT})
   */
  public static SizerConfig of(Category category, AllocationMode defaultMode, Resources worker) {
    AllocationMode mode = category.mode() != null ? category.mode() : defaultMode;
    return new SizerConfig(
        category.name(), mode, category.resources(), Resources.NONE, worker, DEFAULT_STEADY_TASKS);
  }

  public SizerConfig withSteadyTasks(int n) {
    return new SizerConfig(category, mode, max, min, worker, n);
  }

  public SizerConfig withMin(Resources newMin) {
    return new SizerConfig(category, mode, max, newMin, worker, steadyTasks);
  }
}
