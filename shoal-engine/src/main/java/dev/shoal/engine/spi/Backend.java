package dev.shoal.engine.spi;

import java.util.Set;

/**
 * The one contract every place that runs tasks implements: local, master/worker, Mesos, Slurm.
 *
 * <p>Threading: the engine calls {@link #submit} and {@link #cancel} from its loop thread only;
 * they must not block on the task. The back end reports through the {@link EventSink} it was
 * created with, from any thread, exactly one {@link BackendEvent.Finished} per submitted task (also
 * for a cancelled one). The engine never names a concrete back end.
 */
public interface Backend extends AutoCloseable {

  /** What a back end can do beyond running a command in the workflow directory. */
  enum Feature {
    /** Files may have another name inside the task ({@code local->remote}). */
    REMOTE_RENAME,
    /** Each task runs in its own directory with only its declared inputs. */
    SANDBOX
  }

  /** Short name used in logs and messages ({@code local}, {@code wq}, ...). */
  String name();

  Set<Feature> features();

  /** Starts running {@code task}; returns at once. */
  void submit(TaskSpec task);

  /** Asks for {@code task} to be stopped; a {@link BackendEvent.Finished} follows. */
  void cancel(TaskId task);

  /**
   * Stops a job that an earlier run of the engine started and the transaction log names as running
   * ({@code jobId}, the rule's {@code command}), if it still runs. Called during recovery, before
   * anything is submitted. Does nothing by default.
   */
  default void removeStale(String jobId, String command) {}

  /**
   * How many rules of the workflow are not submitted yet (waiting for their inputs or for a free
   * slot) and will be unless the run fails: a demand hint for back ends that advertise it (a Work
   * Queue manager's {@code tasks_left}, read by worker factories). Called from the engine's loop
   * whenever the number changes, first before anything is submitted. Does nothing by default.
   */
  default void backlog(int rulesNotSubmitted) {}

  /** Stops every task still running and releases resources. Idempotent. */
  @Override
  void close();
}
