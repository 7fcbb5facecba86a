package dev.shoal.engine.log;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a transaction log says, replayed: the last state of every node and file it mentions.
 * Immutable. Built by {@link LogReader#replay}; recovery (which nodes to keep, reset or re-attach)
 * is decided from it by the engine, which knows the workflow. Node ids that the workflow does not
 * have are kept here; the engine ignores them, as cctools does.
 *
 * @param nodes last state per node id
 * @param files last state per file name
 * @param runs how many {@code # STARTED} markers the log has (0: no run started, e.g. a hand-made
 *     log)
 * @param lastMarker the last {@code #} marker, or {@code null} if there is none
 * @param lines lines read, ignored ones included
 * @param ignoredLines {@link LogRecord.Other} lines and an ignored torn last line
 * @param warnings what was ignored and why, one message per item, with {@code file:line}
 */
public record ReplayedLog(
    Map<Integer, NodeEntry> nodes,
    Map<String, FileEntry> files,
    int runs,
    LogRecord.Marker.Kind lastMarker,
    long lines,
    long ignoredLines,
    List<String> warnings) {

  public ReplayedLog {
    nodes = Map.copyOf(nodes);
    files = Map.copyOf(files);
    warnings = List.copyOf(warnings);
  }

  /**
   * The last state logged for a node.
   *
   * @param jobId the job id of that line (for a reset: the attempt before it)
   * @param timestampMicros when that line was logged
   */
  public record NodeEntry(NodeStatus status, long jobId, long timestampMicros) {
    public NodeEntry {
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * The last state logged for a file.
   *
   * @param size the size field of that line
   * @param timestampMicros when that line was logged
   * @param createdMicros when the file was last logged {@link FileStatus#EXISTS} (what the mtime
   *     check compares with), or -1 if never, or if a later line logged it deleted or expected
   *     again
   */
  public record FileEntry(FileStatus status, long size, long timestampMicros, long createdMicros) {
    public FileEntry {
      Objects.requireNonNull(status, "status");
    }
  }

  /** True if a run was started at least once ({@code # STARTED}). */
  public boolean started() {
    return runs > 0;
  }

  /** The last state of {@code nodeId}, empty if the log never mentions it (the node waits). */
  public Optional<NodeEntry> node(int nodeId) {
    return Optional.ofNullable(nodes.get(nodeId));
  }

  /** The last state of {@code name}, empty if the log never mentions it. */
  public Optional<FileEntry> file(String name) {
    return Optional.ofNullable(files.get(name));
  }

  /** The last marker, empty if there is none. */
  public Optional<LogRecord.Marker.Kind> lastMarkerKind() {
    return Optional.ofNullable(lastMarker);
  }
}
