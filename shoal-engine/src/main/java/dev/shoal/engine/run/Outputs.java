package dev.shoal.engine.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** File operations on files and trees in a workflow directory. Stateless. */
public final class Outputs {
  private Outputs() {}

  /** Size of {@code path} in bytes (0 for a directory), or -1 when it does not exist. */
  static long size(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      return a.isDirectory() ? 0 : a.size();
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the attributes of " + path, e);
    }
  }

  /**
   * Deletes a file, or a directory with everything in it; nothing when it is absent. Links are
   * removed, never followed.
   */
  public static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(path);
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Moves {@code file} (relative to {@code workDir}) into {@code dir}, keeping its path. */
  static void moveInto(Path workDir, String file, Path dir) throws IOException {
    Path from = workDir.resolve(file);
    if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path to = dir.resolve(file).normalize();
    if (!to.startsWith(dir)) {
      to = dir.resolve(from.getFileName());
    }
    Files.createDirectories(to.getParent());
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
      delete(to);
    }
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }
}
