package dev.shoal.engine.log;

/** State of a rule (node) as written in a node line of the transaction log. */
public enum NodeStatus {
  WAITING(0),
  RUNNING(1),
  COMPLETE(2),
  FAILED(3),
  ABORTED(4);

  private static final NodeStatus[] BY_CODE = values();

  private final int code;

  NodeStatus(int code) {
    this.code = code;
  }

  /** The number written in the log. */
  public int code() {
    return code;
  }

  /**
   * The status written as {@code code}.
   *
   * @throws IllegalArgumentException if {@code code} is not 0..4
   */
  public static NodeStatus ofCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException("node state " + code + " is not one of 0..4");
    }
    return BY_CODE[code];
  }
}
