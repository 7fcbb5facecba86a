package dev.shoal.wire;

/**
 * A task number as the manager assigns it (positive). The wire value {@code -1} ("all tasks") is
 * not a task id; it is modelled by the messages that accept it ({@link ManagerMessage.KillAll}).
 */
public record TaskId(long value) {
  public TaskId {
    if (value < 0) {
      throw new IllegalArgumentException("task id must be >= 0, got " + value);
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
