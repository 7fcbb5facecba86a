package dev.shoal.worker;

import dev.shoal.wire.TaskFile;
import dev.shoal.wire.TaskSpec;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A task's own directory under the worker's directory: inputs linked in from the cache under their
 * task names, requested empty directories made, and after the task its outputs moved into the cache
 * under their cache names. Names must have passed {@link SafeNames} checks (see {@link
 * #problem(TaskSpec)}). Used by one thread at a time.
 */
final class TaskSandbox {
  /** The sandbox name of the measured-usage output (see docs/worker.md and protocol.md). */
  static final String USAGE_FILE = ".shoal-usage.json";

  private final Path dir;
  private final TaskSpec spec;

  private TaskSandbox(Path dir, TaskSpec spec) {
    this.dir = dir;
    this.spec = spec;
  }

  Path dir() {
    return dir;
  }

  /** Null if every name of {@code spec} is safe, else the first problem. */
  static String problem(TaskSpec spec) {
    for (TaskFile f : spec.inputs()) {
      String p = fileProblem(f);
      if (p != null) {
        return "infile: " + p;
      }
    }
    for (TaskFile f : spec.outputs()) {
      String p = fileProblem(f);
      if (p != null) {
        return "outfile: " + p;
      }
    }
    for (String d : spec.dirs()) {
      String p = SafeNames.sandboxNameProblem(d);
      if (p != null) {
        return "dir: " + p;
      }
    }
    return null;
  }

  private static String fileProblem(TaskFile f) {
    String p = SafeNames.cacheNameProblem(f.cacheName());
    return p != null ? p : SafeNames.sandboxNameProblem(f.sandboxName());
  }

  /**
   * Makes the sandbox {@code dir} (replacing a leftover of that name) and links the inputs.
   *
   * @throws MissingInput if an input is not in the cache
   */
  static TaskSandbox create(Path dir, TaskSpec spec, Cache cache) throws IOException {
    Trees.delete(dir);
    Files.createDirectory(dir);
    TaskSandbox box = new TaskSandbox(dir, spec);
    for (TaskFile in : spec.inputs()) {
      Path link = box.path(in.sandboxName());
      if (in.sandboxName().indexOf('/') >= 0) {
        parents(link);
      }
      cache.awaitStored(in.cacheName()); // a put may still be on a writer thread
      link(cache.path(in.cacheName()), link, in.cacheName());
    }
    for (String d : spec.dirs()) {
      Files.createDirectories(box.path(d));
    }
    for (TaskFile out : spec.outputs()) {
      if (out.sandboxName().indexOf('/') >= 0) {
        parents(box.path(out.sandboxName()));
      }
    }
    return box;
  }

  /**
   * A file as a hard link (cheap, and the task sees a plain file); a directory as a symlink. The
   * link is tried first: the common case costs one system call.
   */
  private static void link(Path source, Path link, String cacheName) throws IOException {
    try {
      Files.createLink(link, source);
      return;
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new MissingInput(cacheName);
    } catch (IOException | UnsupportedOperationException e) {
      // a directory, or the cache and the sandbox on different file systems: a symlink
    }
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new MissingInput(cacheName);
    }
    Files.createSymbolicLink(link, source.toAbsolutePath());
  }

  private static void parents(Path p) throws IOException {
    Path parent = p.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  Path path(String sandboxName) {
    return SafeNames.inside(dir, sandboxName);
  }

  /** Whether the task asked for its measured usage ({@value #USAGE_FILE} among its outputs). */
  boolean wantsUsage() {
    return spec.outputs().stream().anyMatch(f -> f.sandboxName().equals(USAGE_FILE));
  }

  /**
   * Moves every output the task made into the cache under its cache name. Missing outputs are
   * skipped: the manager learns of them from {@code get} ({@code missing}).
   */
  void moveOutputs(Cache cache) throws IOException {
    for (TaskFile out : spec.outputs()) {
      Path from = path(out.sandboxName());
      if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      cache.awaitStored(out.cacheName());
      Path to = cache.pathToStore(out.cacheName());
      if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
        Trees.delete(to);
      }
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  void delete() throws IOException {
    Trees.delete(dir);
  }

  /** An input the task names is not in the cache: the task cannot run (INPUT_MISSING). */
  static final class MissingInput extends IOException {
    private static final long serialVersionUID = 1L;

    MissingInput(String cacheName) {
      super("input " + cacheName + " is not in the worker's cache — the manager must put it first");
    }
  }
}
