package dev.shoal.engine.run;

import dev.shoal.engine.spi.Backend;
import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.EventSink;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A scriptable back end for component tests. Each submitted task is decided by {@code script}: an
 * exit code (outputs written as files when 0), or {@code null} to hold the task until {@link
 * #release} is called. Records every submission and the most tasks held at once.
 */
final class FakeBackend implements Backend {
  private final EventSink sink;
  private final Function<TaskSpec, Integer> script;
  final List<TaskSpec> submitted = new ArrayList<>();
  final Map<TaskId, TaskSpec> held = new LinkedHashMap<>();
  final List<TaskId> cancelled = new ArrayList<>();
  final java.util.concurrent.BlockingQueue<TaskSpec> heldSignal =
      new java.util.concurrent.LinkedBlockingQueue<>();
  int maxConcurrent;

  /** What each attempt is measured to use; NONE by default. */
  Function<TaskSpec, Resources> measured = t -> Resources.NONE;

  /** Attempts for which this says true end as having exhausted their allocation. */
  java.util.function.Predicate<TaskSpec> exhausts = t -> false;

  private int running;

  FakeBackend(EventSink sink, Function<TaskSpec, Integer> script) {
    this.sink = sink;
    this.script = script;
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public Set<Feature> features() {
    return EnumSet.noneOf(Feature.class);
  }

  @Override
  public synchronized void submit(TaskSpec task) {
    submitted.add(task);
    running++;
    maxConcurrent = Math.max(maxConcurrent, running);
    sink.post(new BackendEvent.Started(task.id(), "job" + task.id()));
    Integer exit = script.apply(task);
    if (exit == null) {
      held.put(task.id(), task);
      heldSignal.add(task);
    } else {
      complete(task, exit);
    }
  }

  /** Ends the oldest held task with {@code exit}. */
  synchronized void release(int exit) {
    TaskId id = held.keySet().iterator().next();
    complete(held.remove(id), exit);
  }

  private void complete(TaskSpec task, int exit) {
    running--;
    if (exit == 0) {
      for (FileRef out : task.outputs()) {
        try {
          Files.writeString(task.workDir().resolve(out.dagName()), "made by " + task.ruleId());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    TaskResult.Outcome outcome =
        exhausts.test(task) ? TaskResult.Outcome.RESOURCE_EXHAUSTED : TaskResult.Outcome.EXITED;
    sink.post(
        new BackendEvent.Finished(
            task.id(), new TaskResult(outcome, exit, 0, 0, 1_000_000, measured.apply(task), null)));
  }

  @Override
  public synchronized void cancel(TaskId task) {
    cancelled.add(task);
    if (held.remove(task) != null) {
      running--;
      sink.post(
          new BackendEvent.Finished(
              task,
              new TaskResult(TaskResult.Outcome.CANCELLED, -1, 15, 0, 0, Resources.NONE, null)));
    }
  }

  @Override
  public void close() {}
}
