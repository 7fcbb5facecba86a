package dev.shoal.engine.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A line of a transaction log cannot be understood. The message names the place ({@code
 * file:line:}), what is wrong, the line itself, and what the user can do.
 */
public final class CorruptLogException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int lineNumber;
  private final String problem;
  private final String line;

  /**
   * @param source the log's file name, or {@code null} when not known (a bare {@link LogCodec}
   *     call)
   * @param lineNumber 1-based line number
   * @param problem what is wrong, without the line
   * @param line the offending line
   */
  public CorruptLogException(String source, int lineNumber, String problem, String line) {
    super(message(source, lineNumber, problem, line));
    this.source = source;
    this.lineNumber = lineNumber;
    this.problem = problem;
    this.line = line;
  }

  /** The same error, located in {@code file}. */
  public CorruptLogException inFile(Path file) {
    CorruptLogException located =
        new CorruptLogException(file.toString(), lineNumber, problem, line);
    located.setStackTrace(getStackTrace());
    return located;
  }

  /** The log's file name, or {@code null}. */
  public String source() {
    return source;
  }

  /** 1-based number of the offending line. */
  public int lineNumber() {
    return lineNumber;
  }

  /** What is wrong with the line. */
  public String problem() {
    return problem;
  }

  /** The offending line, without its line break. */
  public String line() {
    return line;
  }

  private static String message(String source, int lineNumber, String problem, String line) {
    String where = source == null ? "line " + lineNumber : source + ":" + lineNumber;
    String shown = line.length() > 200 ? line.substring(0, 200) + "..." : line;
    return where
        + ": "
        + problem
        + ": \""
        + shown
        + "\"; the transaction log appears to be corrupted — repair or delete this line, or"
        + " move the log aside to run the whole workflow again";
  }
}
