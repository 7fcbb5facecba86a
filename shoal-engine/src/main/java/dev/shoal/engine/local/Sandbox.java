package dev.shoal.engine.local;

import dev.shoal.engine.run.Outputs;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.FileRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A task's own directory ({@code --sandbox}): its inputs linked in under their task names, its
 * outputs moved back under their workflow names when it succeeds. No name may leave the sandbox.
 */
final class Sandbox {
  private final TaskSpec task;
  private final Path dir;

  private Sandbox(TaskSpec task, Path dir) {
    this.task = task;
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** Makes the sandbox of {@code task} under the workflow directory and links its inputs in. */
  static Sandbox create(TaskSpec task) throws IOException {
    Path root = task.workDir().resolve(".shoal-sandbox");
    Files.createDirectories(root);
    Path dir = Files.createTempDirectory(root, "task-" + task.ruleId() + "-");
    Sandbox box = new Sandbox(task, dir);
    try {
      for (FileRef in : task.inputs()) {
        Path link = box.inside(in.taskName());
        Path target = task.workDir().resolve(in.dagName()).toAbsolutePath().normalize();
        if (link.getParent() != null) {
          Files.createDirectories(link.getParent());
        }
        Files.createSymbolicLink(link, target);
      }
      for (FileRef out : task.outputs()) {
        Path p = box.inside(out.taskName());
        if (p.getParent() != null) {
          Files.createDirectories(p.getParent());
        }
      }
    } catch (IOException | RuntimeException e) {
      box.discard();
      throw e;
    }
    return box;
  }

  /** The path of {@code name} inside the sandbox; refuses names that would leave it. */
  Path inside(String name) {
    Path p = dir.resolve(name).normalize();
    if (Path.of(name).isAbsolute() || !p.startsWith(dir) || p.equals(dir)) {
      throw new IllegalArgumentException(
          "file name "
              + name
              + " points outside the task sandbox — use a relative name without ..");
    }
    return p;
  }

  /**
   * Moves the outputs back into the workflow directory when the task succeeded.
   *
   * @return null, or what went wrong
   */
  String finish(boolean succeeded) {
    if (!succeeded) {
      return null;
    }
    for (FileRef out : task.outputs()) {
      Path from = inside(out.taskName());
      if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
        return "output " + out.taskName() + " was not created in the sandbox";
      }
      Path to = task.workDir().resolve(out.dagName());
      try {
        if (to.getParent() != null) {
          Files.createDirectories(to.getParent());
        }
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        return "cannot move output " + out.taskName() + " out of the sandbox: " + e.getMessage();
      }
    }
    return null;
  }

  /** Deletes the sandbox and anything left in it. Links are removed, never followed. */
  void discard() {
    try {
      Outputs.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove sandbox " + dir, e);
    }
  }
}
