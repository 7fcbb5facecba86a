package dev.shoal.monitor.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** File helpers shared by the v1 and v2 groups. */
final class GroupDirs {
  private GroupDirs() {}

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  static long readLong(Path file) throws IOException {
    return CgroupFiles.single(read(file), file.toString());
  }

  static long readLongOr(Path file, long absent) throws IOException {
    try {
      return readLong(file);
    } catch (NoSuchFileException e) {
      return absent;
    }
  }

  static long keyedOr(Path file, String key, long absent) throws IOException {
    try {
      return CgroupFiles.keyed(read(file), file.toString()).getOrDefault(key, absent);
    } catch (NoSuchFileException e) {
      return absent;
    }
  }

  static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.US_ASCII);
  }

  static String quote(Path p) {
    return "'" + p.toString().replace("'", "'\\''") + "'";
  }

  /** Creates {@code dir}; fails if it exists, since another task would share it. */
  static void mkdir(Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new IOException(
          "cgroup "
              + dir
              + " exists already: another task or a crashed run owns it; "
              + "remove it with rmdir once its cgroup.procs is empty, or choose another name",
          e);
    }
  }

  /** Removes {@code dir}, retrying while exiting processes leave it; absent is fine. */
  static void rmdir(Path dir) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (true) {
      try {
        Files.deleteIfExists(dir);
        return;
      } catch (FileSystemException e) {
        if (System.nanoTime() > deadline) {
          List<Long> procs = List.of();
          try {
            procs = CgroupFiles.procs(read(dir.resolve("cgroup.procs")));
          } catch (IOException inner) {
            e.addSuppressed(inner);
          }
          throw new IOException(
              "cannot remove cgroup "
                  + dir
                  + " (processes "
                  + procs
                  + " still in it): kill them, then rmdir "
                  + dir,
              e);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    }
  }
}
