package dev.shoal.wire;

/** One bit of the {@code <flags>} field of {@code infile}/{@code outfile} lines. */
public enum FileFlag {
  /** Keep the file in the worker cache for later tasks. */
  CACHE(1),
  /** The file is already on the worker (not transferred). */
  PREEXIST(4),
  /** Stream appends to the manager with {@code update} lines while the task runs. */
  WATCH(16),
  /** Transfer the output only if the task failed. */
  FAILURE_ONLY(32),
  /** Transfer the output only if the task succeeded. */
  SUCCESS_ONLY(64);

  private final int bit;

  FileFlag(int bit) {
    this.bit = bit;
  }

  /** The bit value on the wire. */
  public int bit() {
    return bit;
  }
}
