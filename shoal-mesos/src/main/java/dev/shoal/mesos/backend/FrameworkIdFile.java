package dev.shoal.mesos.backend;

import dev.shoal.mesos.FrameworkId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code <workflow>.mesos}: the framework id of the run in progress, one line. Written (temp, then
 * rename) at each SUBSCRIBED that changes it; deleted after a clean TEARDOWN. Its presence when a
 * run starts means the earlier run did not end cleanly: the new run fails over to that framework.
 */
final class FrameworkIdFile {
  private final Path file;
  private FrameworkId written;

  FrameworkIdFile(Path file) {
    this.file = file;
  }

  /** The stored id, or {@code null}. */
  FrameworkId read() {
    try {
      if (!Files.exists(file)) {
        return null;
      }
      String id = Files.readString(file, StandardCharsets.UTF_8).strip();
      written = id.isEmpty() ? null : new FrameworkId(id);
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Mesos framework id in " + file, e);
    }
  }

  void write(FrameworkId id) {
    if (id.equals(written)) {
      return;
    }
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, id.value() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      written = id;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot keep the Mesos framework id in " + file + " — is the directory writable?", e);
    }
  }

  void delete() {
    try {
      Files.deleteIfExists(file);
      written = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
