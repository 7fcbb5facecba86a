package dev.shoal.wq.manager;

import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.EventSink;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.wire.FileFlag;
import dev.shoal.wire.FileFlags;
import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.TaskFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Turns engine tasks into what is sent to a worker: checks the names, looks at the inputs, puts
 * what the worker's cache lacks, writes the {@code task} message, and removes afterwards what only
 * that attempt needed. Manager thread only.
 */
final class Dispatch {
  /** The sandbox name of the usage summary a Shoal worker writes (see docs/manager.md). */
  static final String USAGE_FILE = ".shoal-usage.json";

  private final ManagerOptions options;
  private final EventSink sink;
  private final LongSupplier micros;
  private final LongSupplier nanos;
  private long nextWireId;

  /** The task cannot be sent to any worker; the message says why and what to do. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  Dispatch(ManagerOptions options, EventSink sink, LongSupplier micros, LongSupplier nanos) {
    this.options = options;
    this.sink = sink;
    this.micros = micros;
    this.nanos = nanos;
  }

  /** Checks {@code spec} and looks at its inputs. */
  ManagedTask prepare(TaskSpec spec) throws Refused {
    Path root = spec.workDir().toAbsolutePath().normalize();
    List<ManagedTask.InputFile> inputs = new ArrayList<>();
    for (FileRef f : spec.inputs()) {
      checkSandboxName(spec, f);
      Path p = root.resolve(f.dagName()).normalize();
      PosixFileAttributes a;
      try {
        a = Files.readAttributes(p, PosixFileAttributes.class);
      } catch (IOException e) {
        throw new Refused(
            "input " + f.dagName() + " of rule " + spec.ruleId() + " is missing — make it first");
      }
      long mtime = a.lastModifiedTime().toMillis();
      String cached =
          options.cacheMode() == ManagerOptions.CacheMode.NEVER
              ? null
              : CacheNames.input(0, p.toString(), a.size(), mtime);
      inputs.add(
          new ManagedTask.InputFile(
              p,
              f.dagName(),
              f.taskName(),
              a.isDirectory(),
              a.size(),
              mtime,
              Puts.mode(a.permissions()),
              cached));
    }
    for (FileRef f : spec.outputs()) {
      checkSandboxName(spec, f);
      Path p = root.resolve(f.dagName()).normalize();
      if (!p.startsWith(root) || p.equals(root)) {
        throw new Refused(
            "output "
                + f.dagName()
                + " of rule "
                + spec.ruleId()
                + " is outside the workflow directory — -T wq brings outputs back only into it");
      }
    }
    return new ManagedTask(spec, inputs);
  }

  private static void checkSandboxName(TaskSpec spec, FileRef f) throws Refused {
    if (!SafeNames.sandboxName(f.taskName())) {
      throw new Refused(
          "file "
              + f
              + " of rule "
              + spec.ruleId()
              + " has no name a worker sandbox can hold (absolute or with '..') — give it a"
              + " relative remote name: "
              + f.dagName()
              + "->NAME");
    }
  }

  /** Sends attempt of {@code t} to {@code w}, where it holds {@code demand}. */
  void send(ManagedTask t, WorkerState w, Capacity demand) {
    long wireId = ++nextWireId;
    t.wireId = wireId;
    t.worker = w;
    t.held = demand;
    t.state = ManagedTask.State.RUNNING;
    t.dispatchedNanos = nanos.getAsLong();
    t.dispatchedMicros = micros.getAsLong();
    t.result = null;
    t.measured = Resources.NONE;
    t.uncached.clear();
    t.outputs.clear();
    List<TaskFile> in = new ArrayList<>();
    for (ManagedTask.InputFile f : t.inputs) {
      String name = f.cacheName();
      if (name == null) {
        name = CacheNames.input(wireId, f.path().toString(), f.size(), f.modifiedMillis());
        t.uncached.add(name);
      }
      if (!w.cached.containsKey(name)) {
        w.connection.put(f, name);
        if (f.cacheName() != null) {
          w.cached.put(name, f.size());
        }
      }
      in.add(
          new TaskFile(
              name,
              f.sandboxName(),
              f.cacheName() != null ? FileFlags.of(FileFlag.CACHE) : FileFlags.NONE));
    }
    List<TaskFile> out = new ArrayList<>();
    Path root = t.spec.workDir().toAbsolutePath().normalize();
    for (FileRef f : t.spec.outputs()) {
      String name = CacheNames.output(wireId, f.dagName());
      t.outputs.add(new ManagedTask.OutputFile(name, f.taskName(), root.resolve(f.dagName())));
      out.add(new TaskFile(name, f.taskName(), FileFlags.NONE));
    }
    if (options.measureUsage()) {
      String name = "file-" + wireId + "-usage";
      t.outputs.add(new ManagedTask.OutputFile(name, USAGE_FILE, null));
      out.add(new TaskFile(name, USAGE_FILE, FileFlags.NONE));
    }
    w.connection.send(new ManagerMessage.Task(wireSpec(t, wireId, demand, in, out)));
    w.tasks.put(wireId, t);
    w.used = w.used.plus(demand);
    sink.post(new BackendEvent.Started(t.spec.id(), Long.toString(wireId)));
  }

  private static dev.shoal.wire.TaskSpec wireSpec(
      ManagedTask t, long wireId, Capacity demand, List<TaskFile> in, List<TaskFile> out) {
    Resources a = t.spec.allocation();
    List<String> env = new ArrayList<>();
    for (Map.Entry<String, String> e : t.spec.environment().entrySet()) {
      env.add(e.getKey() + "=" + e.getValue());
    }
    return new dev.shoal.wire.TaskSpec(
        new dev.shoal.wire.TaskId(wireId),
        t.spec.command(),
        Optional.empty(),
        Optional.of(t.spec.category()),
        Optional.of(demand.cores()),
        Optional.of(demand.memoryMb()),
        Optional.of(demand.diskMb()),
        Optional.of(demand.gpus()),
        a.wallTimeSec() > 0 ? Optional.of(a.wallTimeSec() * 1_000_000) : Optional.empty(),
        Optional.empty(),
        env,
        in,
        out,
        List.of());
  }

  /**
   * Removes from {@code w}'s cache what only this attempt used: its non-cached inputs and, once
   * fetched, its outputs.
   */
  void forget(WorkerState w, ManagedTask t, boolean fetched) {
    for (String name : t.uncached) {
      w.connection.send(new ManagerMessage.Unlink(name));
    }
    t.uncached.clear();
    if (fetched) {
      for (ManagedTask.OutputFile o : t.outputs) {
        w.connection.send(new ManagerMessage.Unlink(o.cacheName()));
      }
    }
  }
}
