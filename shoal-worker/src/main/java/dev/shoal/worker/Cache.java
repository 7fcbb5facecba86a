package dev.shoal.worker;

import dev.shoal.wire.Body;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's file cache: one directory holding every file and directory the manager sent or a
 * task produced, under its cache name. An entry is whole once the call that stores it returns, and
 * a failed store leaves nothing; replacing an entry is atomic (temporary name, then rename). Tasks
 * see entries through links in their sandboxes.
 *
 * <p>Threading: entries are independent files; the session thread puts and removes them while task
 * threads move outputs in. Callers must check names with {@link SafeNames#cacheNameProblem} first.
 */
final class Cache {
  private static final String TEMP_PREFIX = ".partial-";

  private static final Set<StandardOpenOption> NEW_FILE =
      EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private final Path dir;
  private final AtomicLong temps = new AtomicLong();

  /** The process's umask, which a file's mode at creation passes through. */
  private final int umask;

  Cache(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.umask = umask(this.dir);
  }

  /** Learns the umask once, from a probe file created with every permission bit asked for. */
  private static int umask(Path dir) throws IOException {
    Path probe = dir.resolve(TEMP_PREFIX + "umask");
    Files.deleteIfExists(probe);
    try {
      FileChannel.open(probe, NEW_FILE, Trees.permissions(0777)).close();
      return ~Trees.mode(probe) & 0777;
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  Path dir() {
    return dir;
  }

  /** The path of the entry {@code name} (which may not exist). */
  Path path(String name) {
    return dir.resolve(name);
  }

  boolean contains(String name) {
    return Files.exists(path(name), LinkOption.NOFOLLOW_LINKS);
  }

  /** A fresh temporary path in the cache directory, for an entry being written. */
  Path temp() {
    return dir.resolve(TEMP_PREFIX + temps.incrementAndGet());
  }

  /** Stores {@code bytes} as {@code name} with {@code mode}; returns the size. */
  long put(String name, byte[] bytes, int mode) throws IOException {
    Path tmp = temp();
    try {
      Files.write(tmp, bytes);
      Trees.chmod(tmp, mode);
      commit(tmp, name);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return bytes.length;
  }

  /**
   * Stores a body still on the connection as {@code name} with {@code mode}, copying it to disk as
   * it arrives; returns the size. The body is consumed even when storing fails.
   *
   * <p>A new name is written in place, created with its mode (two system calls fewer than a
   * temporary file, a rename and a chmod, for each of thousands of small inputs): no task can link
   * it before this returns, since a task names only inputs put before it, and a failed write
   * removes it. A name already present is replaced through a temporary file and a rename, so that a
   * task holding a link to the old entry keeps it whole.
   */
  long put(String name, Body body, int mode) throws IOException {
    Path target = path(name);
    int want = (mode & 0777) | 0600;
    boolean modeAtCreation = (want & ~umask) == want;
    FileChannel out;
    try {
      out =
          modeAtCreation
              ? FileChannel.open(target, NEW_FILE, Trees.permissions(want))
              : FileChannel.open(target, NEW_FILE);
    } catch (FileAlreadyExistsException e) {
      return replace(name, body, mode);
    } catch (IOException e) {
      body.skip();
      throw e;
    }
    boolean done = false;
    try (out) {
      body.copyTo(out);
      if (!modeAtCreation) {
        Trees.chmod(target, mode);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(target);
      }
    }
    return body.length();
  }

  private long replace(String name, Body body, int mode) throws IOException {
    Path tmp = temp();
    try {
      write(tmp, body);
      Trees.chmod(tmp, mode);
      commit(tmp, name);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return body.length();
  }

  /** Writes {@code body} into a new file {@code f}; the body is consumed even when that fails. */
  static void write(Path f, Body body) throws IOException {
    FileChannel out;
    try {
      out = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      body.skip();
      throw e;
    }
    try (out) {
      body.copyTo(out);
    }
  }

  /** Stores what {@code in} holds as {@code name} with {@code mode}; returns the size. */
  long put(String name, InputStream in, int mode) throws IOException {
    Path tmp = temp();
    try {
      long size = Files.copy(in, tmp);
      Trees.chmod(tmp, mode);
      commit(tmp, name);
      return size;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Renames a finished temporary entry (file or tree) to {@code name}, replacing any old one. */
  void commit(Path tmp, String name) throws IOException {
    Path target = path(name);
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      Trees.delete(target);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes the entry {@code name} if present. */
  void remove(String name) throws IOException {
    Trees.delete(path(name));
  }

  /** Removes every entry (the manager that filled the cache is gone). */
  void clear() throws IOException {
    try (var entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        Trees.delete(p);
      }
    }
  }
}
