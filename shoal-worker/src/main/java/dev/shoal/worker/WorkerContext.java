package dev.shoal.worker;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a {@link Session} needs from its worker: identity, settings, the cache and the task runner.
 * One per worker process, shared by its successive sessions.
 *
 * @param password the shared password, or null for none
 * @param endTimeSeconds Unix time the worker's wall time ends, 0 for none
 * @param onWork called when a task arrives or ends (resets the idle timer)
 */
record WorkerContext(
    int protocol,
    String hostname,
    String os,
    String arch,
    String version,
    String workerId,
    List<String> features,
    List<Pattern> projects,
    byte[] password,
    long endTimeSeconds,
    Amounts total,
    Cache cache,
    TaskRunner runner,
    Log log,
    Runnable onWork) {

  /** The same worker speaking {@code version} (chosen per manager found through the catalog). */
  WorkerContext withProtocol(int version) {
    return version == protocol
        ? this
        : new WorkerContext(
            version,
            hostname,
            os,
            arch,
            this.version,
            workerId,
            features,
            projects,
            password,
            endTimeSeconds,
            total,
            cache,
            runner,
            log,
            onWork);
  }

  /** A task arrived or ended: the worker is not idle. */
  void workReceived() {
    onWork.run();
  }
}
