package dev.shoal.worker;

import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.Message;
import dev.shoal.wire.ProtocolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A directory being put into the cache: {@code dir NAME}, then {@code put}/{@code symlink}/{@code
 * dir} entries named relative to the directory they are in, each {@code dir} closed by {@code end}.
 * Built under a temporary name and renamed when the outermost {@code end} arrives. Entry names must
 * be single path components. Used by the session thread only.
 */
final class DirPut {
  private final String name;
  private final Cache cache;
  private final Path temp;
  private final Deque<Path> open = new ArrayDeque<>();
  private IOException failure;

  DirPut(String name, Cache cache) throws IOException {
    this.name = name;
    this.cache = cache;
    this.temp = cache.temp();
    Files.createDirectory(temp);
    open.push(temp);
  }

  String name() {
    return name;
  }

  /**
   * Takes the next message of the tree.
   *
   * @return true when the tree is complete
   * @throws ProtocolException if the message cannot be part of a directory put
   */
  boolean accept(ManagerMessage m) throws IOException {
    switch (m) {
      case ManagerMessage.PutBody p -> {
        entry(p.name());
        if (failure != null) {
          p.body().skip();
          return false;
        }
        Path f = open.peek().resolve(p.name());
        try {
          Cache.write(f, p.body());
          Trees.chmod(f, p.mode());
        } catch (IOException e) {
          if (!p.body().arrived()) {
            throw e;
          }
          failure = e;
        }
      }
      case ManagerMessage.Put p ->
          write(
              p.name(),
              () -> {
                Path f = open.peek().resolve(p.name());
                Files.write(f, p.data().toByteArray());
                Trees.chmod(f, p.mode());
              });
      case ManagerMessage.Symlink s ->
          write(
              s.name(),
              () -> Files.createSymbolicLink(open.peek().resolve(s.name()), Path.of(s.target())));
      case ManagerMessage.Dir d -> {
        entry(d.name());
        Path sub = open.peek().resolve(d.name());
        open.push(sub);
        write(d.name(), () -> Files.createDirectory(sub));
      }
      case Message.End e -> {
        open.pop();
        return open.isEmpty();
      }
      default ->
          throw new ProtocolException(
              m.getClass().getSimpleName(), "put, symlink, dir or end inside the put of " + name);
    }
    return false;
  }

  private interface Write {
    void run() throws IOException;
  }

  /** Writes an entry; after a failure the rest are skipped and {@link #commit} reports it. */
  private void write(String entry, Write w) throws ProtocolException {
    entry(entry);
    if (failure == null) {
      try {
        w.run();
      } catch (IOException e) {
        failure = e;
      }
    }
  }

  private void entry(String entry) throws ProtocolException {
    String problem = SafeNames.cacheNameProblem(entry);
    if (problem != null) {
      throw new ProtocolException(
          "entry " + entry + " of " + name, "a single path component: " + problem);
    }
  }

  /** Renames the complete tree to its cache name; returns its size in bytes. */
  long commit() throws IOException {
    try {
      if (failure != null) {
        throw failure;
      }
      long size = Trees.size(temp);
      cache.commit(temp, name);
      return size;
    } finally {
      Trees.delete(temp);
    }
  }
}
