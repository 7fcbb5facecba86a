package dev.shoal.wq.factory;

import java.io.IOException;
import java.util.List;

/**
 * Starts Work Queue workers somewhere — local processes, Slurm or SGE jobs, Mesos tasks — for the
 * factory. A back end implements these four operations and nothing else; the factory decides how
 * many workers to ask for and with which arguments.
 *
 * <p>Threading: the factory calls {@link #submit}, {@link #reap} and {@link #remove} from its one
 * loop thread; {@link #close} may come from another thread (a signal handler) and must be safe to
 * call concurrently with them and more than once.
 */
public interface WorkerLauncher extends AutoCloseable {
  /**
   * Starts one worker running {@code request}. Returns once the back end has accepted it (the
   * worker may still be queued, starting or connecting).
   *
   * @throws IOException when the back end refuses or cannot be reached; nothing was started
   */
  WorkerId submit(WorkerRequest request) throws IOException;

  /** The workers that ended since the last call, forgotten by the launcher once returned. */
  List<WorkerExit> reap();

  /** Workers submitted and not yet reaped. */
  int active();

  /** Stops one worker and everything it started; does nothing if it already ended. */
  void remove(WorkerId id);

  /** Stops every worker this launcher started and not yet reaped, and waits until they are gone. */
  @Override
  void close();
}
