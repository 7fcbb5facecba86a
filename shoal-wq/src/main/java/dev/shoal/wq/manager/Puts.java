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

  /** Sends {@code path}; returns the bytes of file content sent. */
  static long write(WireCodec codec, Path path, String cacheName) throws IOException {
    return Files.isDirectory(path)
        ? directory(codec, path, cacheName)
        : file(codec, path, cacheName);
  }

  /** The file's bytes go from disk to the socket as they are read (sendfile for large ones). */
  private static long file(WireCodec codec, Path path, String name) throws IOException {
    try (FileChannel f = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = f.size();
      codec.writePut(name, f, size, mode(path));
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
      sent += Files.isDirectory(e) ? directory(codec, e, child) : file(codec, e, child);
    }
    codec.write(new Message.End());
    return sent;
  }

  /** The file's permission bits, or 0644 where the file system has none. */
  static int mode(Path p) throws IOException {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(p);
    } catch (UnsupportedOperationException e) {
      return 0644;
    }
    int mode = 0;
    for (PosixFilePermission x : perms) {
      mode |= 1 << (8 - x.ordinal());
    }
    return mode;
  }
}
