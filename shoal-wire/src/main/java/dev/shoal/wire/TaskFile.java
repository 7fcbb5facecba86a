package dev.shoal.wire;

import java.util.Objects;

/**
 * A file of a task: {@code infile|outfile <cachename> <sandbox-name> <flags>}.
 *
 * @param cacheName name in the worker cache, sent as is
 * @param sandboxName name inside the task sandbox, decoded (it is URL-encoded on the wire)
 */
public record TaskFile(String cacheName, String sandboxName, FileFlags flags) {
  public TaskFile {
    Objects.requireNonNull(cacheName);
    Objects.requireNonNull(sandboxName);
    Objects.requireNonNull(flags);
  }
}
