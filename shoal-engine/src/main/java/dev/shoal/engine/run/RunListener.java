package dev.shoal.engine.run;

import dev.shoal.engine.spi.TaskResult;

/**
 * Observes a run: progress lines, dashboards. Called on the engine loop thread after the events are
 * logged; must return quickly and must not call back into the engine.
 */
public interface RunListener {

  /** A rule was handed to a back end. */
  default void ruleStarted(int rule, Journal.Counts counts) {}

  /** A rule attempt ended; {@code willRetry} when it runs again. */
  default void ruleEnded(
      int rule, TaskResult result, boolean ok, boolean willRetry, Journal.Counts counts) {}

  /** A message worth showing to the user (a failure reason, a recovery note). */
  default void note(String message) {}

  /** The run is over. */
  default void finished(RunOutcome outcome) {}
}
