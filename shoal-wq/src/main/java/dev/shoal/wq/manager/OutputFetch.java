package dev.shoal.wq.manager;

import dev.shoal.wire.Body;
import dev.shoal.wire.ProtocolException;
import dev.shoal.wire.WorkerMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The reply to one {@code get}, written as it arrives: into a temporary file or directory next to
 * the target, renamed onto the target when the reply ends, so that a reader of the workflow
 * directory never sees half an output. A name in the reply that is not the cache name asked for (or
 * a path below it without {@code ..}) is refused with a {@link ProtocolException}, and the
 * connection is dropped. With no target (the usage file) the bytes are kept in memory.
 *
 * <p>Threading: filled by the connection's reader thread, then handed to the manager thread in an
 * {@link Event.Fetched}, which reads it only after that.
 */
final class OutputFetch {
  /** Largest output kept in memory (the usage summary). */
  static final int MAX_IN_MEMORY = 16 << 20;

  final long wireId;
  final String cacheName;
  final Path target;
  private Path temp;
  private boolean directory;
  private byte[] memory;
  private boolean missing;
  private boolean complete;

  OutputFetch(long wireId, String cacheName, Path target) {
    this.wireId = wireId;
    this.cacheName = cacheName;
    this.target = target;
  }

  void file(WorkerMessage.FileData f) throws IOException {
    String below = checked(f.name());
    if (target == null) {
      if (!below.isEmpty()) {
        throw new ProtocolException(f.name(), "the single file " + cacheName);
      }
      memory = f.data().toByteArray();
      return;
    }
    Path p = below.isEmpty() ? startFile() : inDirectory(below, f.name());
    Files.write(p, f.data().toByteArray());
  }

  /**
   * A file of the reply whose bytes are still on the connection: copied to disk as they come. A
   * failure here drops the connection, so the body need not be consumed then.
   */
  void file(WorkerMessage.FileBody f) throws IOException {
    Body body = f.body();
    String below = checked(f.name());
    if (target == null) {
      if (!below.isEmpty() || body.length() > MAX_IN_MEMORY) {
        throw new ProtocolException(
            f.name(), "the single file " + cacheName + " of at most " + MAX_IN_MEMORY + " bytes");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) body.length());
      body.copyTo(Channels.newChannel(bytes));
      memory = bytes.toByteArray();
      return;
    }
    Path p = below.isEmpty() ? startFile() : inDirectory(below, f.name());
    try (FileChannel out =
        FileChannel.open(
            p,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      body.copyTo(out);
    }
  }

  void dir(WorkerMessage.DirHeader d) throws IOException {
    String below = checked(d.name());
    if (target == null) {
      throw new ProtocolException(d.name(), "the single file " + cacheName);
    }
    if (below.isEmpty()) {
      if (temp != null) {
        throw new ProtocolException(d.name(), "one top-level entry for " + cacheName);
      }
      temp = tempPath();
      Files.createDirectories(temp);
      directory = true;
    } else {
      Files.createDirectories(inDirectory(below, d.name()));
    }
  }

  void missing(WorkerMessage.Missing m) throws ProtocolException {
    checked(m.name());
    missing = true;
  }

  /** The reply ended: puts the output in place. */
  void finish() throws IOException {
    complete = true;
    if (temp == null) {
      missing = missing || memory == null;
      return;
    }
    if (Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(target);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    temp = null;
  }

  /** Removes what an unfinished reply left behind. Safe to call more than once. */
  void discard() {
    if (temp != null) {
      try {
        deleteTree(temp);
      } catch (IOException e) {
        System.getLogger(OutputFetch.class.getName())
            .log(System.Logger.Level.WARNING, "cannot remove " + temp + ": " + e.getMessage());
      }
      temp = null;
    }
  }

  /** True when the worker had no such file (after {@link #finish}). */
  boolean missing() {
    return !complete || missing;
  }

  /** The bytes of an in-memory fetch, or {@code null}. */
  byte[] bytes() {
    return memory;
  }

  private String checked(String name) throws ProtocolException {
    String below = SafeNames.below(cacheName, name);
    if (below == null) {
      throw new ProtocolException(
          name, "the name asked for, " + cacheName + ", or a path below it without '..'");
    }
    return below;
  }

  private Path startFile() throws IOException {
    if (temp != null) {
      throw new ProtocolException(cacheName, "one top-level entry for " + cacheName);
    }
    temp = tempPath();
    return temp;
  }

  private Path inDirectory(String below, String name) throws ProtocolException {
    if (!directory) {
      throw new ProtocolException(name, "'dir " + cacheName + " 0' before the entries below it");
    }
    Path p = temp.resolve(below).normalize();
    if (!p.startsWith(temp)) {
      throw new ProtocolException(name, "a path inside " + cacheName);
    }
    return p;
  }

  private Path tempPath() throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    return parent.resolve("." + target.getFileName() + ".shoal-get-" + wireId);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
