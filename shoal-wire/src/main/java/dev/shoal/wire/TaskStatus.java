package dev.shoal.wire;

/**
 * The {@code <task_status>} field of a {@code result} line (Work Queue {@code
 * work_queue_result_t}).
 */
public enum TaskStatus {
  SUCCESS(0),
  INPUT_MISSING(1),
  OUTPUT_MISSING(2),
  STDOUT_MISSING(4),
  SIGNAL(8),
  RESOURCE_EXHAUSTION(16),
  TASK_TIMEOUT(24),
  UNKNOWN(32),
  /** The worker gave the task up through no fault of the task: the manager should requeue it. */
  FORSAKEN(40),
  MAX_RETRIES(48),
  TASK_MAX_RUN_TIME(56),
  DISK_ALLOC_FULL(64),
  RMONITOR_ERROR(72),
  OUTPUT_TRANSFER_ERROR(80);

  private final int code;

  TaskStatus(int code) {
    this.code = code;
  }

  /** The number on the wire. */
  public int code() {
    return code;
  }

  /**
   * @throws ProtocolException if {@code code} is not a known status
   */
  public static TaskStatus ofCode(long code) throws ProtocolException {
    for (TaskStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new ProtocolException(
        Long.toString(code), "a task status code (0, 1, 2, 4, 8, 16, …, 80)");
  }
}
