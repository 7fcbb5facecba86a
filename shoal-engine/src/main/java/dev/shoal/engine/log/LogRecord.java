package dev.shoal.engine.log;

import java.util.Objects;

/**
 * One line of the transaction log {@code <workflow>.makeflowlog}: a sealed family of immutable
 * records, one per line type. {@link LogCodec} turns them into text and back; the on-disk format is
 * written out in its Javadoc. Timestamps are Unix microseconds.
 */
public sealed interface LogRecord {

  /** Size written for a file whose real size is not known (1 GiB, as cctools writes). */
  long SIZE_HINT = 1L << 30;

  /** Written in a count field of {@link NodeState} when the line did not carry that count. */
  int NOT_RECORDED = -1;

  /**
   * A node (rule) changed state. The counts are the numbers of nodes in each state after this
   * change. A line written by hand may carry only the first four fields: the missing counts are
   * {@link #NOT_RECORDED}, and a count may only be {@code NOT_RECORDED} if every later one is too.
   *
   * @param timestampMicros when, Unix microseconds
   * @param nodeId rule number from 0 in file order
   * @param status the new state
   * @param jobId the back end's job id of the current (or last) attempt, 0 if none
   */
  record NodeState(
      long timestampMicros,
      int nodeId,
      NodeStatus status,
      long jobId,
      int waiting,
      int running,
      int complete,
      int failed,
      int aborted,
      int total)
      implements LogRecord {

    public NodeState {
      Objects.requireNonNull(status, "status");
      if (nodeId < 0) {
        throw new IllegalArgumentException("node id " + nodeId + " is negative");
      }
      int[] counts = {waiting, running, complete, failed, aborted, total};
      boolean missing = false;
      for (int count : counts) {
        if (count < NOT_RECORDED || (missing && count != NOT_RECORDED)) {
          throw new IllegalArgumentException(
              "node "
                  + nodeId
                  + ": counts must be >= 0, or -1 (not recorded) for a trailing run of them: "
                  + java.util.Arrays.toString(counts));
        }
        missing |= count == NOT_RECORDED;
      }
    }

    /** A line with only timestamp, node id, state and job id, as a hand-written log may have. */
    public static NodeState withoutCounts(
        long timestampMicros, int nodeId, NodeStatus status, long jobId) {
      return new NodeState(
          timestampMicros,
          nodeId,
          status,
          jobId,
          NOT_RECORDED,
          NOT_RECORDED,
          NOT_RECORDED,
          NOT_RECORDED,
          NOT_RECORDED,
          NOT_RECORDED);
    }
  }

  /**
   * A file changed state.
   *
   * @param name the file name as in the workflow; not blank, no line break, no leading or trailing
   *     white space (it would not survive the round trip); inner spaces are allowed
   * @param size bytes for {@link FileStatus#EXISTS}/{@link FileStatus#COMPLETE}, else a hint
   *     (usually {@link #SIZE_HINT}) or 0
   */
  record FileState(long timestampMicros, String name, FileStatus status, long size)
      implements LogRecord {

    public FileState {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      if (name.isBlank()
          || name.indexOf('\n') >= 0
          || name.indexOf('\r') >= 0
          || Character.isWhitespace(name.charAt(0))
          || Character.isWhitespace(name.charAt(name.length() - 1))) {
        throw new IllegalArgumentException(
            "file name \""
                + name
                + "\" cannot be logged: it is blank, has a line break or starts or ends with"
                + " white space");
      }
    }
  }

  /** A run started, or ended in one of three ways. */
  record Marker(Kind kind, long timestampMicros) implements LogRecord {

    /** Which marker; the name is the keyword written after {@code #}. */
    public enum Kind {
      STARTED,
      ABORTED,
      FAILED,
      COMPLETED
    }

    public Marker {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * A garbage-collection pass deleted files.
   *
   * @param collected files deleted by this pass
   * @param elapsedMicros how long the pass took
   * @param totalCollected files deleted by all passes of this run
   */
  record Gc(long timestampMicros, int collected, long elapsedMicros, int totalCollected)
      implements LogRecord {}

  /**
   * A named event with a numeric value (cctools writes these from hooks).
   *
   * @param name not blank, no line break, no tab, no leading or trailing white space
   */
  record Event(long timestampMicros, String name, long value) implements LogRecord {

    public Event {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()
          || name.indexOf('\n') >= 0
          || name.indexOf('\r') >= 0
          || name.indexOf('\t') >= 0
          || !name.strip().equals(name)) {
        throw new IllegalArgumentException("event name \"" + name + "\" cannot be logged");
      }
    }
  }

  /**
   * A {@code #} line of a type this code does not interpret ({@code # NODE}, {@code # CACHE}, a
   * malformed {@code # FILE}, a comment): kept verbatim, ignored by replay, as cctools does.
   *
   * @param line the whole line without its line break; starts with {@code #} after optional white
   *     space
   */
  record Other(String line) implements LogRecord {

    public Other {
      Objects.requireNonNull(line, "line");
      if (!line.strip().startsWith("#") || line.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("not a single # line: \"" + line + "\"");
      }
    }
  }
}
