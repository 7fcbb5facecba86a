package dev.shoal.wq.manager;

import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.Message;
import dev.shoal.wire.WireCodec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes an input to a worker's cache: {@code put <name> <len> <mode>} + bytes for a file; {@code
 * dir <name>}, its entries (relative names, nested {@code dir}s) and one {@code end} per {@code
 * dir} for a directory (the form the real worker accepted, see shoal-wire's package notes). Runs on
 * a connection's writer thread.
 */
final class Puts {
  private Puts() {}

  /**
   * Puts {@code input} as {@code cacheName}, with the type and permission bits the manager saw when
   * the task came (no second look at the file for each of thousands of inputs); returns the bytes
   * of file content sent.
   */
  static long write(WireCodec codec, ManagedTask.InputFile input, String cacheName)
      throws IOException {
    return input.directory()
        ? directory(codec, input.path(), cacheName)
        : file(codec, input.path(), cacheName, input.mode());
  }

  /** The file's bytes go from disk to the socket as they are read (sendfile for most). */
  private static long file(WireCodec codec, Path path, String name, int mode) throws IOException {
    try (FileChannel f = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = f.size();
      codec.writePut(name, f, size, mode);
      return size;
    }
  }

  private static long directory(WireCodec codec, Path dir, String name) throws IOException {
    long sent = 0;
    codec.write(new ManagerMessage.Dir(name));
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(entries::add);
    }
    entries.sort(null);
    for (Path e : entries) {
      String child = e.getFileName().toString();
      sent += Files.isDirectory(e) ? directory(codec, e, child) : file(codec, e, child, mode(e));
    }
    codec.write(new Message.End());
    return sent;
  }

  /** The file's permission bits, or 0644 where the file system has none. */
  static int mode(Path p) throws IOException {
    try {
      return mode(Files.getPosixFilePermissions(p));
    } catch (UnsupportedOperationException e) {
      return 0644;
    }
  }

  /** Permission bits as an octal mode. */
  static int mode(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission x : perms) {
      mode |= 1 << (8 - x.ordinal());
    }
    return mode;
  }
}
