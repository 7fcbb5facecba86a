package dev.shoal.jx;

/**
 * A JX or JSON text could not be parsed. The message reads {@code file:line: what is wrong — what
 * to do}.
 */
public final class JxSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String fileName;
  private final int line;
  private final String problem;

  /**
   * @param fileName the file as the user named it
   * @param line 1-based line of the problem
   * @param problem what is wrong and what to do, without the location
   */
  public JxSyntaxException(String fileName, int line, String problem) {
    super(fileName + ":" + line + ": " + problem);
    this.fileName = fileName;
    this.line = line;
    this.problem = problem;
  }

  public String fileName() {
    return fileName;
  }

  public int line() {
    return line;
  }

  /** The message without the {@code file:line: } prefix. */
  public String problem() {
    return problem;
  }
}
