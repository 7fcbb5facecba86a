package dev.shoal.worker;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** File-tree helpers. Symbolic links are never followed: a link is removed, not its target. */
final class Trees {
  private Trees() {}

  /**
   * Deletes {@code path} and everything under it; nothing happens if it does not exist. A file
   * costs one system call ({@code remove}: unlink, or rmdir for an empty directory): sandboxes and
   * caches of thousands of files are removed while a run waits.
   */
  static void delete(Path path) throws IOException {
    if (path.toFile().delete()) {
      return;
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(path);
    } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(path); // throws the reason it cannot go
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    DirectoryStream<Path> opened;
    try {
      opened = Files.newDirectoryStream(dir);
    } catch (AccessDeniedException e) {
      // A task may leave a directory without permissions: give them back to delete in it.
      ownerMayEnter(dir);
      opened = Files.newDirectoryStream(dir);
    } catch (NoSuchFileException e) {
      return;
    }
    boolean fixed = false;
    try (DirectoryStream<Path> stream = opened) {
      for (Path e : stream) {
        if (e.toFile().delete()) {
          continue;
        }
        if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(e);
        } else if (Files.exists(e, LinkOption.NOFOLLOW_LINKS)) {
          if (!fixed) {
            fixed = true;
            ownerMayEnter(dir);
          }
          Files.deleteIfExists(e);
        }
      }
    }
    Files.deleteIfExists(dir);
  }

  private static void ownerMayEnter(Path dir) {
    File f = dir.toFile();
    f.setReadable(true, true);
    f.setWritable(true, true);
    f.setExecutable(true, true);
  }

  /** Bytes in regular files under {@code path} (the file's size for a file). */
  static long size(Path path) throws IOException {
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return Files.size(path);
    }
    AtomicLong total = new AtomicLong();
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            total.addAndGet(attrs.isRegularFile() ? attrs.size() : 0);
            return FileVisitResult.CONTINUE;
          }
        });
    return total.get();
  }

  /**
   * Sets the permission bits of {@code mode} (lower 9 bits), always keeping the owner's read and
   * write so that the worker can replace and delete what it stores.
   */
  static void chmod(Path path, int mode) throws IOException {
    Set<PosixFilePermission> p =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        p.add(bits[i]);
      }
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      p.add(PosixFilePermission.OWNER_EXECUTE);
    }
    Files.setPosixFilePermissions(path, p);
  }

  /** The file attribute that creates a file with the permission bits of {@code mode}. */
  static FileAttribute<Set<PosixFilePermission>> permissions(int mode) {
    Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission x : PosixFilePermission.values()) {
      if ((mode & (0400 >> x.ordinal())) != 0) {
        p.add(x);
      }
    }
    return PosixFilePermissions.asFileAttribute(p);
  }

  /** The permission bits of {@code path} as an octal mode. */
  static int mode(Path path) throws IOException {
    int mode = 0;
    for (PosixFilePermission p : Files.getPosixFilePermissions(path)) {
      mode |=
          switch (p) {
            case OWNER_READ -> 0400;
            case OWNER_WRITE -> 0200;
            case OWNER_EXECUTE -> 0100;
            case GROUP_READ -> 040;
            case GROUP_WRITE -> 020;
            case GROUP_EXECUTE -> 010;
            case OTHERS_READ -> 04;
            case OTHERS_WRITE -> 02;
            case OTHERS_EXECUTE -> 01;
          };
    }
    return mode;
  }
}
