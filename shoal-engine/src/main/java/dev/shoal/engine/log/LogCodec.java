package dev.shoal.engine.log;

import dev.shoal.engine.log.LogRecord.Event;
import dev.shoal.engine.log.LogRecord.FileState;
import dev.shoal.engine.log.LogRecord.Gc;
import dev.shoal.engine.log.LogRecord.Marker;
import dev.shoal.engine.log.LogRecord.NodeState;
import dev.shoal.engine.log.LogRecord.Other;

/**
 * Text form of {@link LogRecord}s: the on-disk format of {@code <workflow>.makeflowlog}, byte for
 * byte as cctools Makeflow writes it, and accepting whatever cctools accepts when it reads one.
 * Pure functions; thread-safe.
 *
 * <h2>The format</h2>
 *
 * <p>UTF-8 text, one record per line, each line ended by {@code \n}. Numbers are decimal without
 * sign or padding; timestamps are Unix <b>microseconds</b> ({@code 1795541341476069}). Fields are
 * separated by one space, except in {@code # EVENT} (tabs). A rerun appends to the same file.
 *
 * <dl>
 *   <dt>Node line (does not start with {@code #})
 *   <dd>{@code timestamp nodeid state jobid waiting running complete failed aborted total}, e.g.
 *       {@code 1795541341477672 0 1 19042 2 1 0 0 0 3}: rule 0 (rules are numbered from 0 in file
 *       order) became RUNNING as job 19042; after the change 2 rules wait, 1 runs, 0 are complete,
 *       failed or aborted, of 3. {@code state} is a {@link NodeStatus} code 0..4. {@code jobid} is
 *       the back end's id (a pid for local runs); a reset to WAITING repeats the last attempt's id.
 *   <dt>{@code # FILE timestamp name state size}
 *   <dd>e.g. {@code # FILE 1795541341479213 a.txt 2 2}. {@code state} is a {@link FileStatus} code
 *       0..6; {@code size} is the size in bytes for EXISTS and COMPLETE, the hint {@value
 *       LogRecord#SIZE_HINT} for EXPECT and for DELETE of a regular file, 0 for directories. The
 *       name is written raw, spaces included ({@code # FILE 1795541405575497 my file.txt 1
 *       1073741824}).
 *   <dt>{@code # STARTED timestamp}, {@code # COMPLETED timestamp}, {@code # FAILED timestamp},
 *       {@code # ABORTED timestamp}
 *   <dd>A run began (every run, reruns and the first line after recovery lines included) or ended.
 *   <dt>{@code # GC timestamp collected elapsed_us total_collected}
 *   <dd>A garbage-collection pass deleted {@code collected} files in {@code elapsed_us}.
 *   <dt>{@code # EVENT<tab>timestamp<tab>name<tab>value}
 *   <dd>A named numeric event.
 *   <dt>Any other line starting with {@code #}
 *   <dd>Kept as {@link Other} and ignored: {@code # NODE}, {@code # CATEGORY}, {@code # SYMBOL},
 *       {@code # PARENTS}, {@code # SOURCES}, {@code # TARGETS}, {@code # COMMAND} (tab separated,
 *       written by {@code --log-verbose}), {@code # CACHE}, {@code # MOUNT}, {@code # ALLOC},
 *       comments, and {@code #} lines of a known type whose fields do not parse.
 * </dl>
 *
 * <h2>Reading</h2>
 *
 * <p>As cctools (scanf): fields may be separated by any run of spaces, tabs or carriage returns,
 * and may be preceded by such white space; {@code #FILE} reads as {@code # FILE}; a node line needs
 * only its first four fields ({@link NodeState#withoutCounts}) and fields after the tenth are
 * ignored. A file name is everything between the timestamp and the last two fields, so names with
 * spaces read back (cctools itself skips such lines). An empty line, a node line with fewer than
 * four integer fields, a node state outside 0..4 or a file state outside 0..6 is a {@link
 * CorruptLogException}.
 */
public final class LogCodec {

  private LogCodec() {}

  /**
   * The line for {@code record}, without the line break.
   *
   * @throws NullPointerException if {@code record} is null
   */
  public static String format(LogRecord record) {
    StringBuilder out = new StringBuilder(64);
    formatTo(record, out);
    return out.toString();
  }

  /** Appends the line for {@code record} to {@code out}, without the line break. */
  static void formatTo(LogRecord record, StringBuilder out) {
    switch (record) {
      case NodeState n -> {
        out.append(n.timestampMicros())
            .append(' ')
            .append(n.nodeId())
            .append(' ')
            .append(n.status().code())
            .append(' ')
            .append(n.jobId());
        int[] counts = {n.waiting(), n.running(), n.complete(), n.failed(), n.aborted(), n.total()};
        for (int count : counts) {
          if (count == LogRecord.NOT_RECORDED) {
            break;
          }
          out.append(' ').append(count);
        }
      }
      case FileState f ->
          out.append("# FILE ")
              .append(f.timestampMicros())
              .append(' ')
              .append(f.name())
              .append(' ')
              .append(f.status().code())
              .append(' ')
              .append(f.size());
      case Marker m ->
          out.append("# ").append(m.kind().name()).append(' ').append(m.timestampMicros());
      case Gc g ->
          out.append("# GC ")
              .append(g.timestampMicros())
              .append(' ')
              .append(g.collected())
              .append(' ')
              .append(g.elapsedMicros())
              .append(' ')
              .append(g.totalCollected());
      case Event e ->
          out.append("# EVENT\t")
              .append(e.timestampMicros())
              .append('\t')
              .append(e.name())
              .append('\t')
              .append(e.value());
      case Other o -> out.append(o.line());
    }
  }

  /**
   * The record written as {@code line}.
   *
   * @param line one line without its {@code \n} (a trailing {@code \r} is tolerated)
   * @param lineNumber 1-based, for the error message
   * @throws CorruptLogException if the line is not a record (see the class comment); its {@link
   *     CorruptLogException#source()} is null
   */
  public static LogRecord parse(String line, int lineNumber) throws CorruptLogException {
    Tokens tokens = Tokens.of(line);
    if (tokens.count() == 0) {
      throw new CorruptLogException(null, lineNumber, "empty line", line);
    }
    if (line.charAt(tokens.start(0)) == '#') {
      return parseHashLine(line, lineNumber);
    }
    return parseNodeLine(line, lineNumber, tokens);
  }

  private static NodeState parseNodeLine(String line, int lineNumber, Tokens t)
      throws CorruptLogException {
    long[] head = new long[4];
    for (int i = 0; i < head.length; i++) {
      head[i] = i < t.count() ? t.unsigned(i) : -1;
      if (head[i] < 0) {
        throw new CorruptLogException(
            null,
            lineNumber,
            "a node line needs at least 4 unsigned integer fields (timestamp node state job)",
            line);
      }
    }
    if (head[1] > Integer.MAX_VALUE) {
      throw new CorruptLogException(null, lineNumber, "node id " + head[1] + " is too big", line);
    }
    if (head[2] > NodeStatus.ABORTED.code()) {
      throw new CorruptLogException(
          null, lineNumber, "node state " + head[2] + " is not one of 0..4", line);
    }
    int[] counts = new int[6];
    boolean present = true;
    for (int i = 0; i < counts.length; i++) {
      // Like scanf, stop at the first field that is not a number; the rest is not recorded.
      long value = present && 4 + i < t.count() ? t.unsigned(4 + i) : -1;
      present = value >= 0 && value <= Integer.MAX_VALUE;
      counts[i] = present ? (int) value : LogRecord.NOT_RECORDED;
    }
    return new NodeState(
        head[0],
        (int) head[1],
        NodeStatus.ofCode((int) head[2]),
        head[3],
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
        counts[5]);
  }

  /** Parses a line whose first non-blank character is {@code #}. */
  private static LogRecord parseHashLine(String line, int lineNumber) throws CorruptLogException {
    int hash = line.indexOf('#');
    Tokens t = Tokens.of(line, hash + 1);
    if (t.count() == 0) {
      return new Other(line);
    }
    LogRecord parsed =
        switch (t.text(0)) {
          case "FILE" -> parseFile(line, lineNumber, t);
          case "STARTED" -> marker(Marker.Kind.STARTED, t);
          case "ABORTED" -> marker(Marker.Kind.ABORTED, t);
          case "FAILED" -> marker(Marker.Kind.FAILED, t);
          case "COMPLETED" -> marker(Marker.Kind.COMPLETED, t);
          case "GC" -> parseGc(t);
          case "EVENT" -> parseEvent(line, t);
          default -> null;
        };
    return parsed != null ? parsed : new Other(line);
  }

  private static FileState parseFile(String line, int lineNumber, Tokens t)
      throws CorruptLogException {
    int n = t.count();
    if (n < 5) {
      return null;
    }
    long timestamp = t.unsigned(1);
    long state = t.unsigned(n - 2);
    long size = t.unsigned(n - 1);
    if (timestamp < 0 || state < 0 || size < 0) {
      return null;
    }
    if (state > FileStatus.UP.code()) {
      throw new CorruptLogException(
          null, lineNumber, "file state " + state + " is not one of 0..6", line);
    }
    String name = line.substring(t.start(2), t.end(n - 3));
    return new FileState(timestamp, name, FileStatus.ofCode((int) state), size);
  }

  private static Marker marker(Marker.Kind kind, Tokens t) {
    long timestamp = t.count() >= 2 ? t.unsigned(1) : -1;
    return timestamp < 0 ? null : new Marker(kind, timestamp);
  }

  private static Gc parseGc(Tokens t) {
    if (t.count() < 5) {
      return null;
    }
    long timestamp = t.unsigned(1);
    long collected = t.unsigned(2);
    long elapsed = t.unsigned(3);
    long total = t.unsigned(4);
    if (timestamp < 0
        || elapsed < 0
        || collected < 0
        || collected > Integer.MAX_VALUE
        || total < 0
        || total > Integer.MAX_VALUE) {
      return null;
    }
    return new Gc(timestamp, (int) collected, elapsed, (int) total);
  }

  private static Event parseEvent(String line, Tokens t) {
    int n = t.count();
    if (n < 4) {
      return null;
    }
    long timestamp = t.unsigned(1);
    long value = t.unsigned(n - 1);
    String name = line.substring(t.start(2), t.end(n - 2));
    if (timestamp < 0 || value < 0 || name.indexOf('\t') >= 0) {
      return null;
    }
    return new Event(timestamp, name, value);
  }
}
