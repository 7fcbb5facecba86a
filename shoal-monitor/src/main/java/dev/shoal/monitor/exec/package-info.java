/**
 * Running task commands cheaply: a pool of long-lived {@code /bin/sh -s} processes ({@link
 * dev.shoal.monitor.exec.ShellPool}, {@link dev.shoal.monitor.exec.Shell}) and stopping process
 * trees ({@link dev.shoal.monitor.exec.ProcessTrees}). Shared by the engine's local back end and
 * the worker, which is why it lives beside the monitor rather than in the engine.
 */
package dev.shoal.monitor.exec;
