package dev.shoal.mesos.backend;

import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.mesos.Call;
import dev.shoal.mesos.Event;

/** What reaches the scheduler thread's queue. Immutable. */
sealed interface Input {
  record Submit(TaskSpec task) implements Input {}

  record Cancel(TaskId task) implements Input {}

  record FromMesos(Event event) implements Input {}

  record Disconnected(String reason) implements Input {}

  /** The master did not take a call (not 202, or unreachable). */
  record CallFailed(Call call, String reason) implements Input {}

  /** Time passed: decide about tasks no agent can hold. */
  record Tick() implements Input {}

  /** The engine is done: kill what runs, tear the framework down. */
  record Close() implements Input {}
}
