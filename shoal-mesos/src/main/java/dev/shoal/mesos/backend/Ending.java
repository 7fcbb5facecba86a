package dev.shoal.mesos.backend;

import dev.shoal.engine.spi.TaskResult;

/** How an attempt ended, as far as the scheduler must act. */
sealed interface Ending {
  /** Report {@code result} to the engine. */
  record Done(TaskResult result) implements Ending {}

  /** The cluster, not the command, failed: run the task again (within the retry budget). */
  record Requeue(String reason) implements Ending {}
}
