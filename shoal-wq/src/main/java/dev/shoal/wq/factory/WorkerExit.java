package dev.shoal.wq.factory;

/**
 * A worker that ended.
 *
 * @param id the worker
 * @param exitCode its exit code as the back end reports it (-1 when unknown)
 */
public record WorkerExit(WorkerId id, int exitCode) {}
