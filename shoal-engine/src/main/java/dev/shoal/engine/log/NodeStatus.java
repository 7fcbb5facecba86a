package dev.shoal.engine.log;

/** A rule's state as written in the transaction log. */
public enum NodeStatus {
  WAITING(0),
  RUNNING(1),
  COMPLETE(2),
  FAILED(3),
  ABORTED(4);

  private final int code;

  NodeStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  private static final NodeStatus[] BY_CODE = values();

  public static NodeStatus fromCode(int code) {
    return BY_CODE[code];
  }
}
