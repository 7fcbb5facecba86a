package dev.shoal.monitor;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Size and number of entries of a directory tree, by a walk that does not follow links. */
final class DiskMeter {
  private DiskMeter() {}

  /** {bytes, files}: apparent sizes of regular files; files counts every entry below dir. */
  static long[] measure(Path dir) throws IOException {
    long[] acc = new long[2];
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
            acc[0] += a.isRegularFile() ? a.size() : 0;
            acc[1]++;
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
            if (!d.equals(dir)) {
              acc[1]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            // A task deletes its temporary files while we walk: not an error.
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    return acc;
  }
}
