package dev.shoal.worker.launch;

import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * The {@link ShoalExecutor}'s task directories ({@code <root>/<n>-<tag>}), kept for later tasks
 * instead of made and removed for each one, as {@link CgroupPool} keeps cgroups: making a file or
 * directory costs the file system more than a short task (measured on SHRIMP maps: ext4 without a
 * journal skips every recently deleted inode of a block group when it allocates one there, so each
 * directory, log and input removed makes the next ones dearer). A task takes a directory and gives
 * it back once its {@link LaunchRun} has ended, which leaves its {@code work/} empty and its log in
 * place for the next task to overwrite.
 *
 * <p>The tasks rotate through up to {@link #SPREAD} directories (the least recently used first),
 * made in a root the executor marks as a top directory ({@link dev.shoal.worker.TopDir}): each
 * lands in a block group of its own, so the files tasks write and the emptying removes are spread
 * over many groups instead of piling up as recently deleted inodes in one. The names carry a tag of
 * the executor's own: ext4 picks a top directory's group from its name, and the groups of an
 * earlier executor's names are those its sandbox's removal just filled with deleted inodes.
 *
 * <p>Thread-safe. The directories are not removed here: the executor empties its whole sandbox when
 * it exits (challenge 4).
 */
final class TaskDirs {
  /** How many directories the tasks rotate through (made as tasks first need them). */
  static final int SPREAD = 64;

  private final Path root;
  private final String tag;
  private final ArrayDeque<Path> free = new ArrayDeque<>();
  private int made;

  /**
   * @param root where the directories are, {@code <root>/<n>-<tag>}
   * @param tag a name part unique to this executor
   */
  TaskDirs(Path root, String tag) {
    this.root = root;
    this.tag = tag;
  }

  /** A directory no running task uses; it may not exist yet (the task makes it). */
  synchronized Path take() {
    if (made < SPREAD || free.isEmpty()) {
      return root.resolve(made++ + "-" + tag);
    }
    return free.pollFirst();
  }

  /** Gives back a directory of {@link #take} whose task has ended. */
  synchronized void give(Path dir) {
    free.addLast(dir); // used again after every other free one: removals spread over all
  }
}
