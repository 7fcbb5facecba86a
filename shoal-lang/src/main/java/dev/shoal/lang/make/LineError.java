package dev.shoal.lang.make;

/**
 * A problem with one line of a Makeflow file. The message says what is wrong and what to do,
 * without the {@code file:line:} prefix, which the parser adds when it turns the error into a
 * diagnostic.
 *
 * <p>Thrown and caught inside the parser only; no stack trace is recorded because the line number,
 * not the Java call path, is what the user needs.
 */
final class LineError extends Exception {
  private static final long serialVersionUID = 1L;

  LineError(String message) {
    super(message, null, false, false);
  }
}
