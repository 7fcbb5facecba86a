package dev.shoal.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a {@code task <id>} message. Optional resource lines are absent (not zero) when the
 * manager did not send them. Order on the wire (as written by {@link WireCodec}): {@code cmd},
 * {@code coprocess}, {@code category}, resources, {@code wall_time}, {@code end_time}, {@code env},
 * {@code infile}, {@code outfile}, {@code dir}, {@code end}.
 *
 * @param command shell command ({@code cmd <len>} + bytes)
 * @param wallTimeMicros {@code wall_time <usec>} limit
 * @param endTimeMicros {@code end_time}: absolute deadline as sent (0 = none)
 * @param environment {@code NAME=VALUE} strings, one {@code env <len>} + bytes each
 * @param dirs empty directories to create in the sandbox ({@code dir <name>})
 */
public record TaskSpec(
    TaskId id,
    String command,
    Optional<String> coprocess,
    Optional<String> category,
    Optional<Double> cores,
    Optional<Double> memoryMb,
    Optional<Double> diskMb,
    Optional<Double> gpus,
    Optional<Long> wallTimeMicros,
    Optional<Long> endTimeMicros,
    List<String> environment,
    List<TaskFile> inputs,
    List<TaskFile> outputs,
    List<String> dirs) {
  public TaskSpec {
    Objects.requireNonNull(id);
    Objects.requireNonNull(command);
    environment = List.copyOf(environment);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    dirs = List.copyOf(dirs);
  }

  /** A task that only runs {@code command}. */
  public static TaskSpec of(TaskId id, String command) {
    return new TaskSpec(
        id,
        command,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }
}
