package dev.shoal.jx;

/**
 * Evaluation of a JX expression produced an {@link JxError}; thrown by {@link Jx#evalOrThrow}. The
 * message reads {@code file:line: what is wrong — what to do}.
 */
public final class JxEvalException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient JxError error;

  public JxEvalException(String fileName, JxError error) {
    super(fileName + ":" + error.line() + ": " + error.message());
    this.error = error;
  }

  /** The error value evaluation returned. */
  public JxError error() {
    return error;
  }
}
