package dev.shoal.wq.status;

import java.util.Optional;

/**
 * What {@code work_queue_status HOST PORT} can ask a manager. The client opens a TCP connection to
 * the manager's worker port and sends one line, {@code <request>\n}; the manager answers with one
 * JSON array and closes the connection (observed with cctools 8.0.0; no password, no handshake).
 */
public enum StatusKind {
  /** {@code -Q} (default): one object, the manager's catalog record. */
  QUEUE("queue_status"),
  /** {@code -T}: one object per task. */
  TASKS("task_status"),
  /** {@code -W}: one object per connected worker. */
  WORKERS("worker_status"),
  /** {@code -R}: the manager's record again (cctools 8 sends the same object as for QUEUE). */
  RESOURCES("resources_status"),
  /** {@code -A}: one object per category, the first being {@code "whole queue"}. */
  ABLE_WORKERS("wable_status");

  private final String request;

  StatusKind(String request) {
    this.request = request;
  }

  /** The request line, without its newline. */
  public String request() {
    return request;
  }

  /** The kind a request line (without newline) asks for; empty when it is not a status request. */
  public static Optional<StatusKind> ofRequest(String line) {
    for (StatusKind k : values()) {
      if (k.request.equals(line)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
