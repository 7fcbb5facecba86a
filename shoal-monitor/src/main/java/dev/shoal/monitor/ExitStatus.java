package dev.shoal.monitor;

/** How a task's command ended: an exit code or a signal. */
public sealed interface ExitStatus {
  /** The status as a shell reports it: the code, or 128 + the signal. */
  int shellStatus();

  /** The command exited with {@code code}. */
  record Exited(int code) implements ExitStatus {
    @Override
    public int shellStatus() {
      return code;
    }
  }

  /** The command was killed by {@code signal}. */
  record Signaled(int signal) implements ExitStatus {
    @Override
    public int shellStatus() {
      return 128 + signal;
    }
  }

  /**
   * The status of a shell's {@code $?} or Java's {@link Process#exitValue()}: 129–192 are taken as
   * signals 1–64 (a command that exits 130 by itself reads as SIGINT, as in any shell).
   */
  static ExitStatus fromShell(int status) {
    return status > 128 && status <= 128 + 64 ? new Signaled(status - 128) : new Exited(status);
  }
}
