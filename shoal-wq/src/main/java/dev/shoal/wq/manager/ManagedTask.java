package dev.shoal.wq.manager;

import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.Resources;
import dev.shoal.wire.WorkerMessage;
import java.util.ArrayList;
import java.util.List;

/** One task the engine submitted, through its attempts on workers. Manager thread only. */
final class ManagedTask {
  enum State {
    /** In the queue, on no worker. */
    WAITING,
    /** Sent to {@link #worker} as {@link #wireId}. */
    RUNNING,
    /** Its result is in; outputs are being fetched from {@link #worker}. */
    FETCHING
  }

  final TaskSpec spec;
  final List<InputFile> inputs;

  /** Cache names of the cacheable inputs, for preferring workers that hold them. */
  final List<String> cachedNames;

  State state = State.WAITING;
  long wireId;
  WorkerState worker;
  Capacity held = Capacity.ZERO;
  long dispatchedNanos;
  long dispatchedMicros;

  /** A worker a fast abort took the task from: not used again for it if others fit. */
  WorkerState avoid;

  int forsaken;

  /** The worker this task's inputs were sent ahead to while it waits ({@link Prefetch}). */
  WorkerState prefetchedTo;

  /** Non-cached inputs of the current attempt, unlinked after it. */
  final List<String> uncached = new ArrayList<>();

  /** Outputs of the current attempt: cache name and where the file goes. */
  final List<OutputFile> outputs = new ArrayList<>();

  WorkerMessage.Result result;
  long resultMicros;
  int fetchesLeft;
  Resources measured = Resources.NONE;

  ManagedTask(TaskSpec spec, List<InputFile> inputs) {
    this.spec = spec;
    this.inputs = List.copyOf(inputs);
    List<String> names = new ArrayList<>();
    for (InputFile f : inputs) {
      if (f.cacheName() != null) {
        names.add(f.cacheName());
      }
    }
    this.cachedNames = List.copyOf(names);
  }

  /**
   * An input: where it is, its name in the sandbox, what the manager saw of it when the task came
   * (type, size, time, permission bits), its cache name when cached (else {@code null}).
   */
  record InputFile(
      java.nio.file.Path path,
      String dagName,
      String sandboxName,
      boolean directory,
      long size,
      long modifiedMillis,
      int mode,
      String cacheName) {}

  /** An output of one attempt; {@code target} is {@code null} for the usage file. */
  record OutputFile(String cacheName, String sandboxName, java.nio.file.Path target) {}
}
