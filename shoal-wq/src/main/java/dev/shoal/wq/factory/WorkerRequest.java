package dev.shoal.wq.factory;

import java.util.List;
import java.util.Map;

/**
 * What to run for one worker.
 *
 * @param command the worker program and its arguments (already including the resource options;
 *     {@code shape} repeats them for back ends that must also ask their scheduler for them)
 * @param shape the resources the worker offers; unset ones are 0
 * @param environment variables added to the worker's environment
 */
public record WorkerRequest(
    List<String> command, WorkerShape shape, Map<String, String> environment) {
  public WorkerRequest {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("a worker request needs a command");
    }
  }
}
