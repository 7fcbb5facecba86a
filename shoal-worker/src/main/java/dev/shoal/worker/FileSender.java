package dev.shoal.worker;

import dev.shoal.wire.Message;
import dev.shoal.wire.WireCodec;
import dev.shoal.wire.WorkerMessage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Answers {@code get NAME}: {@code file NAME LEN [MODE]} + bytes, or {@code dir NAME 0} followed by
 * its entries named by full path (nested directories the same way), or {@code missing NAME ERRNO};
 * then one {@code end}. Protocol 11 adds the octal mode to {@code file} lines. Symbolic links
 * inside a directory are left out (their targets may be anywhere). Called with the session's write
 * lock.
 */
final class FileSender {
  private static final int ENOENT = 2;
  private static final int EINVAL = 22;

  private final WireCodec codec;
  private final Cache cache;
  private final int protocol;

  FileSender(WireCodec codec, Cache cache, int protocol) {
    this.codec = codec;
    this.cache = cache;
    this.protocol = protocol;
  }

  void send(String name) throws IOException {
    if (SafeNames.cacheNameProblem(name) != null) {
      codec.write(new WorkerMessage.Missing(name, EINVAL));
    } else {
      Path p = cache.path(name);
      if (Files.isDirectory(p)) {
        dir(p, name);
      } else if (Files.isRegularFile(p)) {
        file(p, name);
      } else {
        codec.write(new WorkerMessage.Missing(name, ENOENT));
      }
    }
    codec.write(new Message.End());
  }

  private void file(Path p, String name) throws IOException {
    Optional<Integer> mode = protocol >= 11 ? Optional.of(Trees.mode(p) & 07777) : Optional.empty();
    try (FileChannel f = FileChannel.open(p, StandardOpenOption.READ)) {
      codec.writeFileData(name, f, f.size(), mode);
    }
  }

  private void dir(Path p, String name) throws IOException {
    codec.write(new WorkerMessage.DirHeader(name));
    List<Path> entries;
    try (var s = Files.list(p)) {
      entries = s.sorted().toList();
    }
    for (Path e : entries) {
      String child = name + "/" + e.getFileName();
      if (Files.isSymbolicLink(e)) {
        continue;
      }
      if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
        dir(e, child);
      } else if (Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)) {
        file(e, child);
      }
    }
  }
}
