package dev.shoal.worker.launch;

import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * The {@link ShoalExecutor}'s task directories ({@code <sandbox>/tasks/<n>}), kept for the next
 * task instead of made and removed for each one, as {@link CgroupPool} keeps cgroups: making a file
 * or directory costs the file system more than a short task (measured on SHRIMP maps: ext4 skips
 * every recently deleted inode when it allocates one, so each directory, log and input removed
 * makes the next ones dearer). A task takes a free directory or a new name (so there are as many as
 * tasks ever ran at once) and gives it back once its {@link LaunchRun} has ended, which leaves its
 * {@code work/} empty and its log in place for the next task to overwrite.
 *
 * <p>Thread-safe. The directories are not removed here: the executor empties its whole sandbox when
 * it exits (challenge 4).
 */
final class TaskDirs {
  private final Path root;
  private final ArrayDeque<Path> free = new ArrayDeque<>();
  private int made;

  /**
   * @param root where the directories are, {@code <root>/<n>}
   */
  TaskDirs(Path root) {
    this.root = root;
  }

  /** A directory no running task uses; it may not exist yet (the task makes it). */
  synchronized Path take() {
    Path d = free.pollFirst();
    return d != null ? d : root.resolve(Integer.toString(made++));
  }

  /** Gives back a directory of {@link #take} whose task has ended. */
  synchronized void give(Path dir) {
    free.addFirst(dir); // the most recently used first: its blocks are cached
  }
}
