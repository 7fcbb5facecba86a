package dev.shoal.engine.log;

/** State of a file as written in a {@code # FILE} line of the transaction log. */
public enum FileStatus {
  /** Not known yet. */
  UNKNOWN(0),
  /** A rule producing it was dispatched; the file is expected. */
  EXPECT(1),
  /** It was produced and checked; consumers may use it. */
  EXISTS(2),
  /** It exists and no remaining rule needs it (a garbage-collection candidate). */
  COMPLETE(3),
  /** It was deleted (garbage collection, clean, reset of its producer). */
  DELETE(4),
  /** Being transferred down to a remote site (not used by local runs). */
  DOWN(5),
  /** Being transferred up from a remote site (not used by local runs). */
  UP(6);

  private static final FileStatus[] BY_CODE = values();

  private final int code;

  FileStatus(int code) {
    this.code = code;
  }

  /** The number written in the log. */
  public int code() {
    return code;
  }

  /**
   * The status written as {@code code}.
   *
   * @throws IllegalArgumentException if {@code code} is not 0..6
   */
  public static FileStatus ofCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException("file state " + code + " is not one of 0..6");
    }
    return BY_CODE[code];
  }
}
