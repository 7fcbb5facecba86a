package dev.shoal.mesos.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a staged output in its place in the workflow directory with renames only, so that a reader
 * sees the old output whole, or (for a moment, when a directory is involved) none, or the new one
 * whole — never part of one. Both paths are on the workflow's file system (the staging directory is
 * inside it). Stateless.
 */
final class OutputCommit {
  private OutputCommit() {}

  /**
   * Moves {@code staged} (a file or a directory) to {@code target}. A file replacing a file is one
   * atomic rename. When either is a directory, an existing {@code target} (an earlier run's) is
   * first renamed to {@code aside}, the new one renamed in; if the second rename fails the old one
   * is put back. The old one is left at {@code aside}, not deleted here: a reader that opened it
   * before the rename may still be listing it, and would see its entries vanish.
   *
   * @param aside a free path in the staging directory, which the caller deletes later (the back end
   *     at the end of the run, with its staging directory)
   * @throws IOException when a rename fails; {@code target} is then as it was
   */
  static void commit(Path staged, Path target, Path aside) throws IOException {
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    boolean whole =
        Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
            || (Files.isDirectory(staged, LinkOption.NOFOLLOW_LINKS)
                && Files.exists(target, LinkOption.NOFOLLOW_LINKS));
    if (!whole) {
      Files.move(
          staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    // Linux has no portable way in Java to exchange two directories (renameat2 RENAME_EXCHANGE),
    // and rename(2) will not replace a non-empty directory: the old one steps aside first.
    Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
  }
}
