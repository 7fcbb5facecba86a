package dev.shoal.cli;

/**
 * A command line that names a wrong value (exit code 2). Thrown by a command while it runs, whether
 * picocli or {@link QuickArgs} read its options; {@link Main} reports it as picocli reports a usage
 * error: the message, then where to find the options.
 */
final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageError(String message) {
    super(message);
  }
}
