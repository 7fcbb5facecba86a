package dev.shoal.wire;

import java.util.Objects;
import java.util.Optional;

/** Messages a worker sends to the manager. */
public sealed interface WorkerMessage extends Message
    permits WorkerMessage.Hello,
        WorkerMessage.Info,
        WorkerMessage.Feature,
        WorkerMessage.Alive,
        WorkerMessage.Resource,
        WorkerMessage.ResourceTag,
        WorkerMessage.AvailableResults,
        WorkerMessage.Result,
        WorkerMessage.Update,
        WorkerMessage.CacheUpdate,
        WorkerMessage.CacheInvalid,
        WorkerMessage.FileData,
        WorkerMessage.FileBody,
        WorkerMessage.DirHeader,
        WorkerMessage.Missing,
        Message.End {

  /**
   * {@code workqueue <proto> <hostname> <os> <arch> <version>}, the first line after
   * authentication. Captured: {@code workqueue 9 vm Linux x86_64 8.0.0}. {@code os == "foreman"}
   * marks a foreman.
   */
  record Hello(int protocol, String hostname, String os, String arch, String version)
      implements WorkerMessage {}

  /**
   * {@code info <key> <value>}: stats and events ({@code worker-id}, {@code tasks_running}, {@code
   * worker-end-time}, {@code end_of_resource_update}, {@code idle-disconnecting}, …). The value is
   * the rest of the line, may be empty.
   */
  record Info(String key, String value) implements WorkerMessage {
    public Info {
      Objects.requireNonNull(key);
      Objects.requireNonNull(value);
    }
  }

  /** {@code feature <name>}: a {@code --feature} the worker offers (name decoded). */
  record Feature(String name) implements WorkerMessage {}

  /** {@code alive}: answer to {@code check}, also sent in the handshake. */
  record Alive() implements WorkerMessage {}

  /** {@code resource <name> <total> <smallest> <largest>}, e.g. {@code resource cores 2 2 2}. */
  record Resource(String name, double total, double smallest, double largest)
      implements WorkerMessage {}

  /** {@code resource tag <n>}: ends a resource block. */
  record ResourceTag(long tag) implements WorkerMessage {}

  /** {@code available_results}: the manager should send {@code send_results}. */
  record AvailableResults() implements WorkerMessage {}

  /**
   * {@code result <status> <exit> <stdout-len> <exec-usec> <taskid>} + stdout bytes. Captured
   * (protocol 9): stdout and stderr arrive merged; a task whose output file is missing still
   * reports status 0 (the manager learns it from {@code get}); a killed task sends no result.
   */
  record Result(TaskStatus status, int exitCode, long execMicros, TaskId id, Payload stdout)
      implements WorkerMessage {}

  /** {@code update <taskid> <path> <offset> <len>} + bytes: new data in a watched output. */
  record Update(TaskId id, String path, long offset, Payload data) implements WorkerMessage {}

  /** {@code cache-update <name> <size> <transfer-usec>} (protocol 11): a put or fetch finished. */
  record CacheUpdate(String name, long size, long transferMicros) implements WorkerMessage {}

  /**
   * {@code cache-invalid <name> <len>} + message bytes (protocol 11): a cache entry could not be
   * made.
   */
  record CacheInvalid(String name, Payload message) implements WorkerMessage {}

  /**
   * {@code file <name> <len> [mode]} + bytes, in a {@code get} reply. Protocol 9 sends no mode
   * (captured {@code file file-7-def-out.txt 6}).
   */
  record FileData(String name, Payload data, Optional<Integer> mode) implements WorkerMessage {}

  /**
   * A {@code file} reply whose bytes are still on the connection (a codec with {@link
   * WireCodec#streamFileBodies}): consume {@link #body()} before reading on.
   */
  record FileBody(String name, Body body, Optional<Integer> mode) implements WorkerMessage {}

  /**
   * {@code dir <name> 0}: a directory in a recursive {@code get} reply; entries follow, then {@code
   * end}.
   */
  record DirHeader(String name) implements WorkerMessage {}

  /**
   * {@code missing <name> <errno>}: a requested file is absent (captured {@code missing nosuch-file
   * 2}).
   */
  record Missing(String name, int errno) implements WorkerMessage {}
}
