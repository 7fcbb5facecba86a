package dev.shoal.worker;

import dev.shoal.wire.Body;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's file cache: every file and directory the manager sent or a task produced, under its
 * cache name, in one of {@value #SHARDS} shard directories ({@code cache/<3 hex digits>/<name>},
 * the shard a hash of the name, made when its first entry is stored). An entry is whole once the
 * call that stores it returns, and a failed store leaves nothing; replacing an entry is atomic
 * (temporary name, then rename). Tasks see entries through links in their sandboxes.
 *
 * <p>Why shards: creating thousands of files in one directory of an ext4 file system without a
 * journal costs up to a millisecond each when files were deleted near it in the last half minute
 * (the inode allocator scans past every recently freed inode of the directory's group). Shards,
 * spread over the disk's block groups by {@link TopDir}, put few files in each group, and the same
 * files cost a fraction of that (docs/adr/0011). The wire never sees a shard: cache names stay what
 * the manager sent.
 *
 * <p>Threading: entries are independent files; the session thread puts and removes them while task
 * threads move outputs in. Callers must check names with {@link SafeNames#cacheNameProblem} first.
 */
final class Cache {
  private static final String TEMP_PREFIX = ".partial-";

  /** How many shard directories; a power of two (docs/worker.md has the measurement). */
  static final int SHARDS = 1024;

  private static final Set<StandardOpenOption> NEW_FILE =
      EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private final Path dir;
  private final AtomicLong temps = new AtomicLong();

  /** The process's umask, which a file's mode at creation passes through. */
  private final int umask;

  private final Path[] shards = new Path[SHARDS];

  /** Which shards exist (set once made; a shard is never removed while the cache lives). */
  private final AtomicIntegerArray made = new AtomicIntegerArray(SHARDS);

  /**
   * Entries a {@link CacheWriter} is still writing, by name; completed (never failed) when done.
   */
  private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

  /** Makes (or reuses) the cache in {@code dir}; shards are made as entries arrive. */
  Cache(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.umask = umask(this.dir);
    for (int i = 0; i < SHARDS; i++) {
      shards[i] = dir.resolve(shardName(i));
    }
  }

  /** The directory name of shard {@code i}. */
  static String shardName(int i) {
    return String.format("%03x", i);
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

  /** The path of the entry {@code name} (which may not exist), in its shard. */
  Path path(String name) {
    return shards[shard(name)].resolve(name);
  }

  /** As {@link #path}, its shard made if need be: for storing the entry. */
  Path pathToStore(String name) throws IOException {
    int i = shard(name);
    if (made.get(i) == 0) {
      Files.createDirectories(shards[i]);
      made.set(i, 1);
    }
    return shards[i].resolve(name);
  }

  /** The shard of {@code name}: a hash spread over the low bits. */
  static int shard(String name) {
    int h = name.hashCode();
    return (h ^ (h >>> 16) ^ (h >>> 8)) & (SHARDS - 1);
  }

  /**
   * Records that {@code name} is being written elsewhere until {@code done} completes: {@link
   * #awaitStored} callers wait for it. At most one write per name at a time.
   */
  void writing(String name, CompletableFuture<Void> done) {
    pending.put(name, done);
  }

  /** The write of {@code name} ended (stored or failed). Called before {@code done} completes. */
  void written(String name, CompletableFuture<Void> done) {
    pending.remove(name, done);
  }

  /**
   * Waits until no write of {@code name} is in progress, so that the entry is whole (or, after a
   * failed write, absent). Every reader of an entry put by the manager calls this first: a task
   * linking its inputs, {@code get}, {@code unlink}, a new put of the same name. Never call it on a
   * writer thread.
   */
  void awaitStored(String name) {
    CompletableFuture<Void> f = pending.get(name);
    if (f != null) {
      f.join();
    }
  }

  /** Waits for every write in progress. */
  void awaitAll() {
    for (CompletableFuture<Void> f : List.copyOf(pending.values())) {
      f.join();
    }
  }

  /** Whether no write is in progress. */
  boolean idle() {
    return pending.isEmpty();
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
    return put(name, Contents.of(body), mode);
  }

  /** As {@link #put(String, Body, int)}, for bytes already read (a {@link CacheWriter} put). */
  long put(String name, ByteBuffer bytes, int mode) throws IOException {
    return put(name, Contents.of(bytes), mode);
  }

  private long put(String name, Contents body, int mode) throws IOException {
    Path target;
    try {
      target = pathToStore(name);
    } catch (IOException e) {
      body.skip();
      throw e;
    }
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

  private long replace(String name, Contents body, int mode) throws IOException {
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
    write(f, Contents.of(body));
  }

  private static void write(Path f, Contents body) throws IOException {
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

  /** What a store writes: a body still on the connection, or bytes already in memory. */
  private interface Contents {
    long length();

    void copyTo(WritableByteChannel out) throws IOException;

    /** Consumes what is left unstored (a body must be read off the connection). */
    void skip() throws IOException;

    static Contents of(Body b) {
      return new Contents() {
        @Override
        public long length() {
          return b.length();
        }

        @Override
        public void copyTo(WritableByteChannel out) throws IOException {
          b.copyTo(out);
        }

        @Override
        public void skip() throws IOException {
          b.skip();
        }
      };
    }

    static Contents of(ByteBuffer bytes) {
      return new Contents() {
        @Override
        public long length() {
          return bytes.limit();
        }

        @Override
        public void copyTo(WritableByteChannel out) throws IOException {
          ByteBuffer b = bytes.duplicate().rewind();
          while (b.hasRemaining()) {
            out.write(b);
          }
        }

        @Override
        public void skip() {}
      };
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
    Path target = pathToStore(name);
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      Trees.delete(target);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes the entry {@code name} if present. */
  void remove(String name) throws IOException {
    awaitStored(name);
    Trees.delete(path(name));
  }

  /** Removes every entry (the manager that filled the cache is gone); the shards stay. */
  void clear() throws IOException {
    awaitAll();
    try (var entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        if (isShard(p)) {
          clear(p);
        } else {
          Trees.delete(p); // a temporary entry left by a failed store
        }
      }
    }
  }

  /** A shard directory, made by this cache or an earlier one over the same directory. */
  private static boolean isShard(Path p) {
    return p.getFileName().toString().matches("[0-9a-f]{3}")
        && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static void clear(Path shard) throws IOException {
    try (var entries = Files.list(shard)) {
      for (Path p : entries.toList()) {
        Trees.delete(p);
      }
    } catch (NoSuchFileException e) {
      // never made, or removed from outside: nothing to clear
    }
  }
}
