package dev.shoal.mesos.backend;

import dev.shoal.engine.spi.TaskResult;
import dev.shoal.monitor.Summary;

/** How an attempt ended, as far as the scheduler must act. */
sealed interface Ending {
  /**
   * Report {@code result} to the engine; {@code summary} is the monitor's, or null when the command
   * was not measured.
   */
  record Done(TaskResult result, Summary summary) implements Ending {
    Done(TaskResult result) {
      this(result, null);
    }
  }

  /** The cluster, not the command, failed: run the task again (within the retry budget). */
  record Requeue(String reason) implements Ending {}
}
