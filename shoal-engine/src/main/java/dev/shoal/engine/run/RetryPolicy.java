package dev.shoal.engine.run;

/**
 * When a failed rule is tried again ({@code -R}, {@code -r N}). Exit code 101 is always retried
 * while attempts remain.
 *
 * @param enabled whether any failure is retried
 * @param max how many times a rule may fail and still be retried
 */
public record RetryPolicy(boolean enabled, int max) {

  /** The exit code that asks for a retry whatever the options. */
  public static final int RETRY_EXIT_CODE = 101;

  /** No retries but for exit code 101, at most 5 times (makeflow's default). */
  public static final RetryPolicy DEFAULT = new RetryPolicy(false, 5);

  /**
   * True when a rule that has now failed {@code failures} times, last with {@code exit}, runs
   * again.
   */
  public boolean retries(int failures, int exitCode, boolean exited) {
    boolean wanted = enabled || (exited && exitCode == RETRY_EXIT_CODE);
    return wanted && failures <= max;
  }
}
