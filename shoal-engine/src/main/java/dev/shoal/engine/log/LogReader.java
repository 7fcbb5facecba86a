package dev.shoal.engine.log;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a transaction log written by Shoal or by cctools Makeflow.
 *
 * <p>Every line is parsed by {@link LogCodec#parse}. The last line is special, because a run killed
 * while writing leaves it unfinished: if it has no line break, or does not parse, it is ignored
 * with a warning (the work it recorded is redone). Any other line that does not parse stops the
 * read with a {@link CorruptLogException} naming {@code file:line}. {@code #} lines of unknown type
 * are ignored, as cctools does.
 *
 * <p>One pass, constant memory apart from the replayed state: writing and replaying a million-line
 * log takes about 2 s in the tests. Stateless and thread-safe; a file being appended to reads as a
 * prefix.
 */
public final class LogReader {

  /** Created on first use: setting up logging costs start-up time that most runs never need. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(LogReader.class.getName());
  }

  private static final int CHUNK = 1 << 16;

  private LogReader() {}

  /**
   * Replays {@code file}: the last state per node and per file.
   *
   * @throws java.nio.file.NoSuchFileException if there is no log (a first run)
   * @throws CorruptLogException if a line other than the last does not parse
   * @throws IOException if the file cannot be read
   */
  public static ReplayedLog replay(Path file) throws IOException {
    LogReplay replay = new LogReplay();
    List<String> warnings = read(file, replay::accept, replay::skipped);
    return replay.result(warnings);
  }

  /**
   * Hands every record of {@code file} to {@code sink}, in order.
   *
   * @return warnings about what was ignored (a torn last line), also logged
   * @throws CorruptLogException if a line other than the last does not parse
   * @throws IOException if the file cannot be read
   */
  public static List<String> read(Path file, Consumer<? super LogRecord> sink) throws IOException {
    return read(file, sink, () -> {});
  }

  private static List<String> read(Path file, Consumer<? super LogRecord> sink, Runnable skipped)
      throws IOException {
    Objects.requireNonNull(sink, "sink");
    List<String> warnings = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      LineSplitter lines = new LineSplitter(file, sink, warnings, skipped);
      byte[] chunk = new byte[CHUNK];
      int n;
      while ((n = in.read(chunk)) > 0) {
        lines.feed(chunk, n);
      }
      lines.finish();
    }
    return warnings;
  }

  /** Splits bytes into lines, parses them, and holds back the error of the latest line. */
  private static final class LineSplitter {
    private final Path file;
    private final Consumer<? super LogRecord> sink;
    private final List<String> warnings;
    private final Runnable skipped;
    private byte[] carry = new byte[256];
    private int carried;
    private int lineNumber;
    private CorruptLogException pending;

    LineSplitter(
        Path file, Consumer<? super LogRecord> sink, List<String> warnings, Runnable skipped) {
      this.file = file;
      this.sink = sink;
      this.warnings = warnings;
      this.skipped = skipped;
    }

    void feed(byte[] chunk, int length) throws CorruptLogException {
      int start = 0;
      for (int i = 0; i < length; i++) {
        if (chunk[i] != '\n') {
          continue;
        }
        if (carried == 0) {
          line(new String(chunk, start, i - start, StandardCharsets.UTF_8));
        } else {
          keep(chunk, start, i - start);
          line(new String(carry, 0, carried, StandardCharsets.UTF_8));
          carried = 0;
        }
        start = i + 1;
      }
      keep(chunk, start, length - start);
    }

    void finish() throws CorruptLogException {
      if (carried > 0) {
        throwPending();
        String torn = new String(carry, 0, carried, StandardCharsets.UTF_8);
        warn(
            ++lineNumber,
            "ignoring the unfinished last line \""
                + torn
                + "\" (no line break: the run was interrupted while writing it); what it recorded"
                + " will be redone");
        skipped.run();
      } else if (pending != null) {
        warn(
            pending.lineNumber(),
            "ignoring the unreadable last line \""
                + pending.line()
                + "\" ("
                + pending.problem()
                + "); what it recorded will be redone");
        skipped.run();
      }
    }

    private void line(String text) throws CorruptLogException {
      throwPending();
      lineNumber++;
      try {
        sink.accept(LogCodec.parse(text, lineNumber));
      } catch (CorruptLogException e) {
        pending = e.inFile(file);
      }
    }

    private void throwPending() throws CorruptLogException {
      if (pending != null) {
        throw pending;
      }
    }

    private void keep(byte[] chunk, int from, int length) {
      if (carried + length > carry.length) {
        carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carried + length));
      }
      System.arraycopy(chunk, from, carry, carried, length);
      carried += length;
    }

    private void warn(int line, String what) {
      String message = file + ":" + line + ": " + what;
      warnings.add(message);
      Log.LOG.log(Level.WARNING, message);
    }
  }
}
