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

  /**
   * The master did not take a call: it answered {@code status} (not 202), or, with status 0, gave
   * no answer — then the call may or may not have been acted on.
   */
  record CallFailed(Call call, int status, String reason) implements Input {
    /** A call could not have been acted on; a 4xx/5xx answer is definite. */
    boolean noAnswer() {
      return status == 0;
    }
  }

  /** Time passed: decide about tasks no agent can hold. */
  record Tick() implements Input {}

  /** The engine is done: kill what runs, tear the framework down. */
  record Close() implements Input {}
}
