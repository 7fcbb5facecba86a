package dev.shoal.engine.spi;

/** What a back end tells the engine about a task. Immutable; posted to the engine's queue. */
public sealed interface BackendEvent {
  TaskId taskId();

  /** The task is running; {@code jobId} is the back end's own name for it (pid, batch id, ...). */
  record Started(TaskId taskId, String jobId) implements BackendEvent {}

  /** The task is over. Exactly one per submitted task, after any {@link Started}. */
  record Finished(TaskId taskId, TaskResult result) implements BackendEvent {}
}
